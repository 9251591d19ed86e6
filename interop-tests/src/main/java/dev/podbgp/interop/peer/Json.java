package dev.podbgp.interop.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The one JSON reader of the drivers; bad output names its source. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static JsonNode parse(String text, String source) {
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n == null || n.isMissingNode()) {
        throw new PeerException("empty JSON from " + source);
      }
      return n;
    } catch (IOException e) {
      throw new PeerException("unreadable JSON from " + source + ": " + e.getMessage()
          + " (text starts: " + text.substring(0, Math.min(200, text.length())) + ")", e);
    }
  }
}
