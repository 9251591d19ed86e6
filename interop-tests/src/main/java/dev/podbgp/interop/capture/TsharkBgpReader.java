package dev.podbgp.interop.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.LabException;
import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.Json;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Splits a pcap into BGP messages with tshark: {@code -T json -x --no-duplicate-keys} gives, per
 * frame, every BGP PDU tshark found (after TCP reassembly) with its raw bytes ({@code bgp_raw})
 * and its decoded fields. Each message is checked (marker, length) on construction.
 */
public final class TsharkBgpReader {
  private TsharkBgpReader() {}

  public static String version() {
    return Cmd.run(List.of("tshark", "--version")).stdout().lines().findFirst().orElse("tshark")
        .strip();
  }

  public static List<CapturedMessage> read(Path pcap) {
    var r = Cmd.run(List.of("tshark", "-r", pcap.toString(), "-Y", "bgp", "-T", "json", "-x",
        "--no-duplicate-keys", "-J", "ip ipv6 tcp bgp"), Duration.ofSeconds(60)).orThrow();
    JsonNode packets = Json.parse(r.stdout(), "tshark -T json of " + pcap);
    List<CapturedMessage> out = new ArrayList<>();
    for (JsonNode packet : packets) {
      JsonNode layers = packet.path("_source").path("layers");
      int frame = out.size();
      InetAddress src;
      InetAddress dst;
      if (layers.has("ipv6")) {
        src = Addresses.parse(layers.path("ipv6").path("ipv6.src").asText(), "tshark ipv6.src");
        dst = Addresses.parse(layers.path("ipv6").path("ipv6.dst").asText(), "tshark ipv6.dst");
      } else if (layers.has("ip")) {
        src = Addresses.parse(layers.path("ip").path("ip.src").asText(), "tshark ip.src");
        dst = Addresses.parse(layers.path("ip").path("ip.dst").asText(), "tshark ip.dst");
      } else {
        throw new LabException("tshark frame without IP layer in " + pcap);
      }
      List<JsonNode> raws = asList(layers.path("bgp_raw"), true);
      List<JsonNode> decoded = asList(layers.path("bgp"), false);
      if (raws.size() != decoded.size()) {
        throw new LabException("tshark gave " + raws.size() + " raw and " + decoded.size()
            + " decoded BGP messages in one frame of " + pcap);
      }
      for (int i = 0; i < raws.size(); i++) {
        byte[] bytes = HexFormat.of().parseHex(raws.get(i).get(0).asText());
        List<String> fields = new ArrayList<>();
        flatten(decoded.get(i), fields);
        out.add(new CapturedMessage(frame, src, dst, bytes, fields));
      }
    }
    return out;
  }

  /**
   * tshark writes one message as an object (decoded) or a [hex, offset, len, ...] array (raw),
   * and several as an array of those.
   */
  private static List<JsonNode> asList(JsonNode n, boolean raw) {
    List<JsonNode> l = new ArrayList<>();
    if (n.isMissingNode()) {
      return l;
    }
    boolean single = raw ? n.isArray() && n.size() > 0 && n.get(0).isTextual() : n.isObject();
    if (single) {
      l.add(n);
    } else {
      n.forEach(l::add);
    }
    return l;
  }

  private static void flatten(JsonNode n, List<String> out) {
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String key = e.getKey();
      if (key.endsWith("_raw") || key.equals("bgp.marker")) {
        continue;
      }
      emit(key, e.getValue(), out);
    }
  }

  private static void emit(String key, JsonNode v, List<String> out) {
    if (v.isObject()) {
      flatten(v, out);
    } else if (v.isArray()) {
      for (JsonNode x : v) {
        emit(key, x, out);
      }
    } else {
      out.add(key + " = " + v.asText().replace('\n', ' '));
    }
  }
}
