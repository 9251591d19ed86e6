package dev.podbgp.interop.netns;

import java.net.Inet4Address;
import java.net.Inet6Address;

/**
 * One namespace's end of a link or LAN: the interface and the addresses the lab gave it
 * (IPv4 /24 and IPv6 /64, DAD disabled so both are usable at once).
 */
public record Attachment(Netns netns, String iface, Inet4Address ipv4, Inet6Address ipv6,
    int ipv4PrefixLength, int ipv6PrefixLength) {

  /** The kernel's fe80:: address of this interface (the link-local BGP next hop). */
  public Inet6Address linkLocal() {
    return netns.linkLocalAddress(iface);
  }
}
