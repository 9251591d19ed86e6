package dev.podbgp.interop.peer.bird;

import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.Community;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.Feature;
import dev.podbgp.interop.peer.LargeCommunity;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import java.net.InetAddress;

/**
 * Renders a {@link PeerConfig} as a BIRD 2.0 configuration. Originated prefixes are static
 * blackhole routes carrying their BGP attributes; each neighbour is one {@code protocol bgp}
 * named by {@link #protocolName}. Retry timers are short so tests converge fast.
 */
public final class BirdConfigWriter {
  private BirdConfigWriter() {}

  public static String protocolName(InetAddress neighbor) {
    return "n_" + Addresses.format(neighbor).replaceAll("[^0-9a-fA-F]", "_");
  }

  /**
   * BIRD sends MED to an eBGP neighbour only when the export filter sets it ("fresh"), so the
   * MED of our own originations is set here rather than on the static route alone.
   */
  static String exportFilter(PeerConfig c, Family f) {
    StringBuilder s = new StringBuilder(" export filter {");
    for (Origination o : c.originations()) {
      if (o.family() == f && o.med().isPresent()) {
        s.append(" if net = ").append(o.prefix()).append(" && source = RTS_STATIC then bgp_med = ")
            .append(o.med().getAsLong()).append(';');
      }
    }
    return s.append(" accept; };").toString();
  }

  public static String render(PeerConfig c, String logFile) {
    StringBuilder s = new StringBuilder();
    s.append("log \"").append(logFile).append("\" all;\n");
    s.append("router id ").append(c.routerId().getHostAddress()).append(";\n");
    s.append("hostname \"").append(c.name()).append("\";\n");
    s.append("protocol device { scan time 10; }\n");
    for (Family f : Family.values()) {
      s.append("protocol static orig").append(f == Family.IPV4_UNICAST ? "4" : "6").append(" {\n");
      s.append("  ").append(f == Family.IPV4_UNICAST ? "ipv4" : "ipv6").append(";\n");
      for (Origination o : c.originations()) {
        if (o.family() == f) {
          s.append("  route ").append(o.prefix()).append(" blackhole {");
          for (Community cm : o.communities()) {
            s.append(" bgp_community.add((").append(cm.asn()).append(',').append(cm.value())
                .append("));");
          }
          for (LargeCommunity lc : o.largeCommunities()) {
            s.append(" bgp_large_community.add((").append(lc.global()).append(',')
                .append(lc.local1()).append(',').append(lc.local2()).append("));");
          }
          for (var rt : o.routeTargets()) {
            s.append(" bgp_ext_community.add((rt, ").append(rt.asn()).append(", ")
                .append(rt.value()).append("));");
          }
          o.med().ifPresent(m -> s.append(" bgp_med = ").append(m).append(';'));
          s.append(" };\n");
        }
      }
      s.append("}\n");
    }
    for (Neighbor n : c.neighbors()) {
      s.append("protocol bgp ").append(protocolName(n.address())).append(" {\n");
      s.append("  local");
      n.localAddress().ifPresent(a -> s.append(' ').append(Addresses.format(a)));
      s.append(" as ").append(c.localAs()).append(";\n");
      s.append("  neighbor ").append(Addresses.format(n.address())).append(" as ")
          .append(n.remoteAs()).append(";\n");
      if (n.multihopTtl() > 0) {
        s.append("  multihop ").append(n.multihopTtl()).append(";\n");
      } else {
        // iBGP defaults to multihop with recursive next hops; ours are on the link.
        s.append("  direct;\n");
      }
      if (n.passive()) {
        s.append("  passive on;\n");
      }
      if (n.features().contains(Feature.ROUTE_REFLECTOR_CLIENT)) {
        s.append("  rr client;\n");
      }
      n.md5Password().ifPresent(p -> s.append("  password \"").append(p).append("\";\n"));
      s.append("  hold time ").append(n.holdTimeSeconds()).append(";\n");
      if (n.holdTimeSeconds() > 0) {
        s.append("  keepalive time ").append(n.keepaliveSeconds()).append(";\n");
      }
      s.append("  connect delay time 1;\n  connect retry time 2;\n  error wait time 1, 4;\n");
      s.append("  graceful restart ")
          .append(n.features().contains(Feature.GRACEFUL_RESTART) ? "on" : "aware")
          .append(";\n");
      if (n.features().contains(Feature.EXTENDED_MESSAGE)) {
        s.append("  enable extended messages on;\n");
      }
      for (Family f : n.families()) {
        s.append("  ").append(f == Family.IPV4_UNICAST ? "ipv4" : "ipv6").append(" {");
        s.append(" import all;");
        s.append(exportFilter(c, f));
        if (n.features().contains(Feature.ADD_PATH)) {
          s.append(" add paths on;");
        }
        if (f == Family.IPV4_UNICAST && n.features().contains(Feature.EXTENDED_NEXT_HOP)) {
          s.append(" extended next hop on;");
        }
        s.append(" };\n");
      }
      s.append("}\n");
    }
    return s.toString();
  }
}
