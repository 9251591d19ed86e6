package dev.podbgp.interop.peer;

/** An RFC 1997 community, written "asn:value". */
public record Community(int asn, int value) {

  public Community {
    if (asn < 0 || asn > 0xffff || value < 0 || value > 0xffff) {
      throw new IllegalArgumentException("community " + asn + ":" + value
          + " has a half outside 0..65535");
    }
  }

  public static Community parse(String text) {
    String[] p = text.strip().split(":");
    if (p.length != 2) {
      throw new IllegalArgumentException("community '" + text + "' is not asn:value");
    }
    try {
      return new Community(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("community '" + text + "' is not numeric", e);
    }
  }

  /** From the 32-bit wire value (GoBGP's JSON gives communities that way). */
  public static Community ofWire(long v) {
    return new Community((int) (v >>> 16) & 0xffff, (int) v & 0xffff);
  }

  @Override
  public String toString() {
    return asn + ":" + value;
  }
}
