package dev.podbgp.interop.peer.gobgp;

import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.Feature;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.PeerConfig;

/**
 * Renders a {@link PeerConfig} as a GoBGP 3 TOML file. GoBGP has no static routes in its file;
 * {@link GobgpPeer} adds originations over the API once the daemon is up. The idle hold after a
 * reset (30 s by default) is cut to 1 s so tests recover quickly.
 */
public final class GobgpConfigWriter {
  private GobgpConfigWriter() {}

  static String familyName(Family f) {
    return f == Family.IPV4_UNICAST ? "ipv4-unicast" : "ipv6-unicast";
  }

  public static String render(PeerConfig c) {
    StringBuilder s = new StringBuilder();
    s.append("[global.config]\n");
    s.append("  as = ").append(c.localAs()).append('\n');
    s.append("  router-id = \"").append(c.routerId().getHostAddress()).append("\"\n");
    s.append("  port = 179\n");
    s.append("  local-address-list = [\"0.0.0.0\", \"::\"]\n");
    for (Neighbor n : c.neighbors()) {
      s.append("\n[[neighbors]]\n");
      s.append("  [neighbors.config]\n");
      s.append("    neighbor-address = \"").append(Addresses.format(n.address())).append("\"\n");
      s.append("    peer-as = ").append(n.remoteAs()).append('\n');
      n.md5Password().ifPresent(p -> s.append("    auth-password = \"").append(p).append("\"\n"));
      s.append("  [neighbors.timers.config]\n");
      s.append("    hold-time = ").append(n.holdTimeSeconds()).append('\n');
      s.append("    keepalive-interval = ").append(n.keepaliveSeconds()).append('\n');
      s.append("    connect-retry = 1\n");
      s.append("    idle-hold-time-after-reset = 1\n");
      s.append("  [neighbors.transport.config]\n");
      s.append("    passive-mode = ").append(n.passive()).append('\n');
      n.localAddress().ifPresent(a -> s.append("    local-address = \"")
          .append(Addresses.format(a)).append("\"\n"));
      if (n.multihopTtl() > 0) {
        s.append("  [neighbors.ebgp-multihop.config]\n");
        s.append("    enabled = true\n");
        s.append("    multihop-ttl = ").append(n.multihopTtl()).append('\n');
      }
      if (n.features().contains(Feature.ROUTE_REFLECTOR_CLIENT)) {
        s.append("  [neighbors.route-reflector.config]\n");
        s.append("    route-reflector-client = true\n");
        s.append("    route-reflector-cluster-id = \"").append(c.routerId().getHostAddress())
            .append("\"\n");
      }
      boolean gr = n.features().contains(Feature.GRACEFUL_RESTART);
      if (gr) {
        s.append("  [neighbors.graceful-restart.config]\n");
        s.append("    enabled = true\n    restart-time = 120\n");
      }
      for (Family f : n.families()) {
        s.append("  [[neighbors.afi-safis]]\n");
        s.append("    [neighbors.afi-safis.config]\n");
        s.append("      afi-safi-name = \"").append(familyName(f)).append("\"\n");
        if (gr) {
          s.append("    [neighbors.afi-safis.mp-graceful-restart.config]\n");
          s.append("      enabled = true\n");
        }
        if (n.features().contains(Feature.ADD_PATH)) {
          s.append("    [neighbors.afi-safis.add-paths.config]\n");
          s.append("      receive = true\n      send-max = 8\n");
        }
      }
    }
    return s.toString();
  }
}
