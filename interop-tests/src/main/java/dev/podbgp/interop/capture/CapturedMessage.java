package dev.podbgp.interop.capture;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;

/**
 * One BGP message as seen on the wire: who sent it, its bytes (marker to end), and the fields
 * tshark decoded from it ({@code name = value}, in tshark's order).
 */
public record CapturedMessage(int frame, InetAddress source, InetAddress destination,
    byte[] bytes, List<String> tsharkFields) {

  public CapturedMessage {
    bytes = bytes.clone();
    tsharkFields = List.copyOf(tsharkFields);
    if (bytes.length < 19) {
      throw new IllegalArgumentException("frame " + frame + ": a BGP message has at least 19 "
          + "bytes, got " + bytes.length);
    }
    for (int i = 0; i < 16; i++) {
      if (bytes[i] != (byte) 0xff) {
        throw new IllegalArgumentException("frame " + frame + ": marker byte " + i + " is not ff");
      }
    }
    int length = ((bytes[16] & 0xff) << 8) | (bytes[17] & 0xff);
    if (length != bytes.length) {
      throw new IllegalArgumentException("frame " + frame + ": header length " + length
          + " but " + bytes.length + " bytes captured");
    }
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int type() {
    return bytes[18] & 0xff;
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The value of the first tshark field of that name, or null. */
  public String field(String name) {
    String prefix = name + " = ";
    return tsharkFields.stream().filter(f -> f.startsWith(prefix))
        .map(f -> f.substring(prefix.length())).findFirst().orElse(null);
  }

  public boolean hasField(String name) {
    return field(name) != null;
  }
}
