package dev.podbgp.interop.peer;

/** An RFC 8092 large community, written "global:local1:local2". */
public record LargeCommunity(long global, long local1, long local2) {

  public LargeCommunity {
    for (long v : new long[] {global, local1, local2}) {
      if (v < 0 || v > 0xffffffffL) {
        throw new IllegalArgumentException("large community " + global + ":" + local1 + ":"
            + local2 + " has a part outside 0..4294967295");
      }
    }
  }

  public static LargeCommunity parse(String text) {
    String[] p = text.strip().split(":");
    if (p.length != 3) {
      throw new IllegalArgumentException("large community '" + text + "' is not g:l1:l2");
    }
    try {
      return new LargeCommunity(Long.parseLong(p[0]), Long.parseLong(p[1]),
          Long.parseLong(p[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("large community '" + text + "' is not numeric", e);
    }
  }

  @Override
  public String toString() {
    return global + ":" + local1 + ":" + local2;
  }
}
