package dev.podbgp.interop.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * Names a captured message by what it holds ({@code update-ipv6-mp-reach-ll-comm}), read from the
 * bytes themselves, so file names stay right whatever tshark calls its fields.
 */
public final class MessageName {
  private MessageName() {}

  public static String typeName(int type) {
    return switch (type) {
      case 1 -> "open";
      case 2 -> "update";
      case 3 -> "notification";
      case 4 -> "keepalive";
      case 5 -> "route-refresh";
      default -> "type" + type;
    };
  }

  /** {@code <type>-<what>} without the sequence number. */
  public static String of(CapturedMessage m, boolean ipv6Transport) {
    byte[] b = m.bytes();
    return switch (m.type()) {
      case 1 -> "open-" + (ipv6Transport ? "ipv6" : "ipv4") + "-session";
      case 2 -> update(b);
      case 3 -> "notification-" + (b[19] & 0xff) + "-" + (b[20] & 0xff)
          + (b.length > 21 ? "-with-data" : "");
      case 4 -> "keepalive";
      case 5 -> "route-refresh-" + afi(u16(b, 19)) + switch (b[21] & 0xff) {
        case 1 -> "-borr";
        case 2 -> "-eorr";
        default -> "";
      };
      default -> typeName(m.type());
    };
  }

  private static String update(byte[] b) {
    int withdrawnLen = u16(b, 19);
    int attrStart = 21 + withdrawnLen + 2;
    int attrLen = u16(b, 21 + withdrawnLen);
    int nlriLen = b.length - attrStart - attrLen;
    List<String> tags = new ArrayList<>();
    boolean mpReach = false;
    boolean mpUnreach = false;
    int mpUnreachLen = 0;
    int mpAfi = 0;
    int nextHopLen = 0;
    for (int p = attrStart; p < attrStart + attrLen; ) {
      int flags = b[p] & 0xff;
      int type = b[p + 1] & 0xff;
      boolean ext = (flags & 0x10) != 0;
      int len = ext ? u16(b, p + 2) : b[p + 2] & 0xff;
      int value = p + (ext ? 4 : 3);
      switch (type) {
        case 8 -> tags.add("comm");
        case 16 -> tags.add("extcomm");
        case 32 -> tags.add("large");
        case 14 -> {
          mpReach = true;
          mpAfi = u16(b, value);
          nextHopLen = b[value + 3] & 0xff;
        }
        case 15 -> {
          mpUnreach = true;
          mpAfi = u16(b, value);
          mpUnreachLen = len;
        }
        default -> { }
      }
      p = value + len;
    }
    String t = tags.isEmpty() ? "" : "-" + String.join("-", tags);
    if (attrLen == 0 && withdrawnLen == 0 && nlriLen == 0) {
      return "update-eor-ipv4";
    }
    if (mpUnreach && mpUnreachLen == 3 && withdrawnLen == 0 && nlriLen == 0 && !mpReach) {
      return "update-eor-" + afi(mpAfi);
    }
    if (mpReach) {
      return "update-" + afi(mpAfi) + "-mp-reach" + (nextHopLen == 32 ? "-global-ll" : "")
          + t;
    }
    if (mpUnreach) {
      return "update-" + afi(mpAfi) + "-mp-unreach-withdraw";
    }
    if (withdrawnLen > 0 && nlriLen == 0) {
      return "update-ipv4-withdraw";
    }
    return "update-ipv4-nlri" + t;
  }

  /**
   * The ADD-PATH (capability 69) entries of an OPEN as {@code afi/safi -> send/receive bits}
   * (1 receive, 2 send, 3 both); empty for other messages or when absent.
   */
  public static java.util.Map<String, Integer> addPath(CapturedMessage open) {
    java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
    byte[] b = open.bytes();
    if (open.type() != 1) {
      return out;
    }
    int optLen = b[28] & 0xff;
    for (int p = 29; p < 29 + optLen; ) {
      int paramType = b[p] & 0xff;
      int paramLen = b[p + 1] & 0xff;
      if (paramType == 2) {
        for (int c = p + 2; c < p + 2 + paramLen; ) {
          int code = b[c] & 0xff;
          int len = b[c + 1] & 0xff;
          if (code == 69) {
            for (int e = c + 2; e + 4 <= c + 2 + len; e += 4) {
              out.put(u16(b, e) + "/" + (b[e + 2] & 0xff), b[e + 3] & 0xff);
            }
          }
          c += 2 + len;
        }
      }
      p += 2 + paramLen;
    }
    return out;
  }

  private static String afi(int afi) {
    return switch (afi) {
      case 1 -> "ipv4";
      case 2 -> "ipv6";
      default -> "afi" + afi;
    };
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}
