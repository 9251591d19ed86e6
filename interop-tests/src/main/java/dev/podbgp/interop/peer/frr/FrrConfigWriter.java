package dev.podbgp.interop.peer.frr;

import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.Community;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.Feature;
import dev.podbgp.interop.peer.LargeCommunity;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link PeerConfig} as an FRR 8.4 {@code frr.conf}. Without zebra's routes FRR would
 * refuse to announce {@code network} statements, hence {@code no bgp network import-check}.
 */
public final class FrrConfigWriter {
  private FrrConfigWriter() {}

  public static String render(PeerConfig c, String logFile) {
    StringBuilder s = new StringBuilder();
    s.append("frr defaults datacenter\n");
    s.append("hostname ").append(c.name()).append('\n');
    if (logFile != null) {
      s.append("log file ").append(logFile).append(" informational\n");
    }
    s.append("debug bgp neighbor-events\n");
    // Route maps (ours set the attributes of originated prefixes) are applied after this delay,
    // 5 s by default, and until then FRR announces nothing of its own; 0 would mean never.
    s.append("bgp route-map delay-timer 1\n");
    s.append("!\n");
    s.append("router bgp ").append(c.localAs()).append('\n');
    s.append(" bgp router-id ").append(c.routerId().getHostAddress()).append('\n');
    s.append(" no bgp ebgp-requires-policy\n");
    s.append(" no bgp default ipv4-unicast\n");
    s.append(" no bgp network import-check\n");
    // Global only: with it set, FRR 8.4 rejects the per-neighbour form ("% Invalid value").
    if (c.neighbors().stream().anyMatch(n -> n.features().contains(Feature.GRACEFUL_RESTART))) {
      s.append(" bgp graceful-restart\n");
    }
    for (Neighbor n : c.neighbors()) {
      neighborLines(n).forEach(l -> s.append(' ').append(l).append('\n'));
    }
    for (Family f : Family.values()) {
      s.append(" address-family ").append(afi(f)).append('\n');
      for (int i = 0; i < c.originations().size(); i++) {
        Origination o = c.originations().get(i);
        if (o.family() == f) {
          s.append("  ").append(networkLine(o)).append('\n');
        }
      }
      for (Neighbor n : c.neighbors()) {
        if (n.families().contains(f)) {
          afLines(n).forEach(l -> s.append("  ").append(l).append('\n'));
        }
      }
      s.append(" exit-address-family\n");
    }
    s.append("exit\n!\n");
    for (Origination o : c.originations()) {
      routeMapLines(o).forEach(l -> s.append(l).append('\n'));
      s.append("!\n");
    }
    return s.toString();
  }

  static String afi(Family f) {
    return f == Family.IPV4_UNICAST ? "ipv4 unicast" : "ipv6 unicast";
  }

  static List<String> neighborLines(Neighbor n) {
    String a = Addresses.format(n.address());
    List<String> l = new ArrayList<>();
    l.add("neighbor " + a + " remote-as " + n.remoteAs());
    l.add("neighbor " + a + " timers " + n.keepaliveSeconds() + " " + n.holdTimeSeconds());
    l.add("neighbor " + a + " timers connect 1");
    if (n.passive()) {
      l.add("neighbor " + a + " passive");
    }
    n.md5Password().ifPresent(p -> l.add("neighbor " + a + " password " + p));
    if (n.multihopTtl() > 0) {
      l.add("neighbor " + a + " ebgp-multihop " + n.multihopTtl());
    }
    n.localAddress().ifPresent(s -> l.add("neighbor " + a + " update-source "
        + Addresses.format(s)));
    if (n.features().contains(Feature.EXTENDED_NEXT_HOP)) {
      l.add("neighbor " + a + " capability extended-nexthop");
    }
    return l;
  }

  static List<String> afLines(Neighbor n) {
    String a = Addresses.format(n.address());
    List<String> l = new ArrayList<>();
    l.add("neighbor " + a + " activate");
    if (n.features().contains(Feature.ADD_PATH)) {
      l.add("neighbor " + a + " addpath-tx-all-paths");
    }
    if (n.features().contains(Feature.ROUTE_REFLECTOR_CLIENT)) {
      l.add("neighbor " + a + " route-reflector-client");
    }
    return l;
  }

  static String routeMapName(Origination o) {
    return "PODBGP-ORIG-" + o.prefix().toString().replaceAll("[^0-9a-fA-F]+", "-");
  }

  static String networkLine(Origination o) {
    return "network " + o.prefix() + " route-map " + routeMapName(o);
  }

  static List<String> routeMapLines(Origination o) {
    List<String> l = new ArrayList<>();
    l.add("route-map " + routeMapName(o) + " permit 10");
    if (!o.communities().isEmpty()) {
      l.add(" set community " + o.communities().stream().map(Community::toString)
          .collect(Collectors.joining(" ")));
    }
    if (!o.largeCommunities().isEmpty()) {
      l.add(" set large-community " + o.largeCommunities().stream()
          .map(LargeCommunity::toString).collect(Collectors.joining(" ")));
    }
    if (!o.routeTargets().isEmpty()) {
      l.add(" set extcommunity rt " + o.routeTargets().stream()
          .map(rt -> rt.asn() + ":" + rt.value()).collect(Collectors.joining(" ")));
    }
    o.med().ifPresent(m -> l.add(" set metric " + m));
    l.add(" set origin igp");
    l.add("exit");
    return l;
  }
}
