package dev.podbgp.bench.e2e;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.Link;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsLab;
import dev.podbgp.interop.peer.WorkDir;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/**
 * The namespaces of one run: feeder → device → monitor, or feeder → monitor for the baseline.
 * Feeders sit on 10.201.0.0/22 (one address each, .1 upwards); whatever receives them (device,
 * or monitor in the baseline) is 10.201.3.254 on that link. The device → monitor link is the
 * lab's own 10.200.k.0/24.
 */
final class Topology {
  static final Inet4Address RECEIVER = ipv4("10.201.3.254");
  static final Inet4Address DUT_ROUTER_ID = ipv4("10.255.0.1");

  final Netns feeders;
  final Netns dut;
  final Netns monitor;
  final Inet4Address monitorAddress;
  /** The device's address on the monitor link (its neighbour address as the monitor sees it). */
  final Inet4Address dutMonitorSide;

  Topology(NetnsLab lab, FeedPlan plan, boolean withDut) {
    feeders = lab.namespace();
    Netns receiver = lab.namespace();
    Link feed = lab.link(feeders, receiver);
    StringBuilder batch = new StringBuilder();
    for (Inet4Address a : plan.feederAddresses) {
      batch.append("addr add ").append(a.getHostAddress()).append("/22 dev ")
          .append(feed.a().iface()).append('\n');
    }
    ipBatch(feeders, batch.toString());
    ipBatch(receiver, "addr add " + RECEIVER.getHostAddress() + "/22 dev " + feed.b().iface()
        + "\n");
    if (withDut) {
      dut = receiver;
      monitor = lab.namespace();
      Link mon = lab.link(dut, monitor);
      monitorAddress = mon.b().ipv4();
      dutMonitorSide = mon.a().ipv4();
    } else {
      dut = null;
      monitor = receiver;
      monitorAddress = RECEIVER;
      dutMonitorSide = null;
    }
  }

  private static void ipBatch(Netns ns, String commands) {
    Path file = WorkDir.create("ipbatch").resolve("batch");
    WorkDir.write(file, commands);
    try {
      Cmd.run(List.of("ip", "-n", ns.name(), "-batch", file.toString())).orThrow();
    } finally {
      WorkDir.delete(file.getParent());
    }
  }

  static Inet4Address ipv4(String literal) {
    try {
      return (Inet4Address) InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
