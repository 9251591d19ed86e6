package dev.podbgp.interop.peer;

/** A two-octet-AS route target extended community (RFC 4360), written "rt:asn:value". */
public record RouteTarget(int asn, long value) {

  public RouteTarget {
    if (asn < 0 || asn > 0xffff || value < 0 || value > 0xffffffffL) {
      throw new IllegalArgumentException("route target " + asn + ":" + value
          + " needs a 16-bit AS and a 32-bit value");
    }
  }

  public static RouteTarget parse(String text) {
    String t = text.strip();
    String[] p = (t.startsWith("rt:") ? t.substring(3) : t).split(":");
    if (p.length != 2) {
      throw new IllegalArgumentException("route target '" + text + "' is not rt:asn:value");
    }
    try {
      return new RouteTarget(Integer.parseInt(p[0]), Long.parseLong(p[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("route target '" + text + "' is not numeric", e);
    }
  }

  @Override
  public String toString() {
    return "rt:" + asn + ":" + value;
  }
}
