package dev.podbgp.interop.peer;

/** Address families the drivers configure and read back. */
public enum Family {
  IPV4_UNICAST,
  IPV6_UNICAST;

  public static Family of(Prefix p) {
    return p.isIpv6() ? IPV6_UNICAST : IPV4_UNICAST;
  }
}
