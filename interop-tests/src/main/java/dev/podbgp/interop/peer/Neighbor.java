package dev.podbgp.interop.peer;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One configured BGP neighbour. Keepalive is a third of the hold time. {@code multihopTtl} 0
 * means a directly connected (TTL 1 for eBGP) session.
 */
public record Neighbor(
    InetAddress address,
    long remoteAs,
    boolean passive,
    Optional<String> md5Password,
    int holdTimeSeconds,
    Set<Family> families,
    int multihopTtl,
    Optional<InetAddress> localAddress,
    Set<Feature> features) {

  public Neighbor {
    if (remoteAs < 1 || remoteAs > 0xffffffffL) {
      throw new IllegalArgumentException("remote AS " + remoteAs + " of neighbor "
          + Addresses.format(address) + " is outside 1..4294967295");
    }
    if (holdTimeSeconds != 0 && holdTimeSeconds < 3) {
      throw new IllegalArgumentException("hold time " + holdTimeSeconds + "s of neighbor "
          + Addresses.format(address) + " must be 0 or at least 3 (RFC 4271 4.2)");
    }
    if (multihopTtl < 0 || multihopTtl > 255) {
      throw new IllegalArgumentException("multihop TTL " + multihopTtl + " is outside 0..255");
    }
    if (families.isEmpty()) {
      throw new IllegalArgumentException("neighbor " + Addresses.format(address)
          + " has no address family");
    }
    md5Password.ifPresent(p -> {
      if (p.isEmpty() || p.length() > 80 || !p.matches("[!-~]+")) {
        throw new IllegalArgumentException("MD5 password for " + Addresses.format(address)
            + " must be 1..80 printable characters without spaces");
      }
    });
    families = Set.copyOf(families);
    features = Set.copyOf(features);
  }

  /** Active, no MD5, hold 9 s, the family of its own address, directly connected. */
  public static Neighbor of(InetAddress address, long remoteAs) {
    Family f = address instanceof Inet6Address ? Family.IPV6_UNICAST : Family.IPV4_UNICAST;
    return new Neighbor(address, remoteAs, false, Optional.empty(), 9, Set.of(f), 0,
        Optional.empty(), Set.of());
  }

  public int keepaliveSeconds() {
    return holdTimeSeconds / 3;
  }

  public boolean isIpv6() {
    return address instanceof Inet6Address;
  }

  public Neighbor passive(boolean p) {
    return new Neighbor(address, remoteAs, p, md5Password, holdTimeSeconds, families,
        multihopTtl, localAddress, features);
  }

  public Neighbor md5(String password) {
    return new Neighbor(address, remoteAs, passive, Optional.ofNullable(password),
        holdTimeSeconds, families, multihopTtl, localAddress, features);
  }

  public Neighbor holdTime(int seconds) {
    return new Neighbor(address, remoteAs, passive, md5Password, seconds, families,
        multihopTtl, localAddress, features);
  }

  public Neighbor families(Family... f) {
    return new Neighbor(address, remoteAs, passive, md5Password, holdTimeSeconds,
        f.length == 0 ? Set.of() : EnumSet.of(f[0], f), multihopTtl, localAddress, features);
  }

  public Neighbor multihop(int ttl) {
    return new Neighbor(address, remoteAs, passive, md5Password, holdTimeSeconds, families,
        ttl, localAddress, features);
  }

  public Neighbor localAddress(InetAddress local) {
    return new Neighbor(address, remoteAs, passive, md5Password, holdTimeSeconds, families,
        multihopTtl, Optional.of(local), features);
  }

  public Neighbor with(Feature... f) {
    EnumSet<Feature> all = EnumSet.noneOf(Feature.class);
    all.addAll(features);
    all.addAll(java.util.List.of(f));
    return new Neighbor(address, remoteAs, passive, md5Password, holdTimeSeconds, families,
        multihopTtl, localAddress, all);
  }
}
