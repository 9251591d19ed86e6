package dev.podbgp.interop.netns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns a set of network namespaces, the links between them and every process started inside.
 * {@link #close()} (also run from a JVM shutdown hook) stops the processes (SIGTERM, then
 * SIGKILL, bounded), kills anything else left in its namespaces and deletes them, which also
 * removes their veths and bridges. Nothing is ever created in the root namespace.
 *
 * <p>Names: namespaces {@code podbgp-<lab id>-<n>}; interfaces {@code p<lab id>l<link><a|b>} and
 * {@code p<lab id>l<lan>m<member>} / {@code ...h<member>}, well under the 15-character limit.
 * Link {@code k} gets {@code 10.200.k.0/24} and {@code fd00:200:k::/64}.
 */
public final class NetnsLab implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NetnsLab.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Links and LANs share one index space; the third IPv4 octet. */
  private static final int MAX_SUBNETS = 250;

  private final String id;
  private final List<Netns> namespaces = new ArrayList<>();
  private final List<NetnsProcess> processes = new ArrayList<>();
  private final Thread shutdownHook;
  private int nextSubnet = 1;
  private boolean closed;

  private NetnsLab(String id) {
    this.id = id;
    this.shutdownHook = new Thread(this::teardown, "netns-lab-" + id + "-teardown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Why a lab cannot be built here, or empty when it can (root and iproute2 present). */
  public static Optional<String> unavailableReason() {
    if (!Cmd.isRoot()) {
      return Optional.of("network namespaces need root; running as uid != 0");
    }
    if (!Cmd.executableExists("ip")) {
      return Optional.of("iproute2 `ip` is not on the PATH");
    }
    return Optional.empty();
  }

  /** A lab with a fresh random id; throws when {@link #unavailableReason()} says why not. */
  public static NetnsLab create() {
    unavailableReason().ifPresent(r -> {
      throw new LabException(r);
    });
    String existing = Cmd.run(List.of("ip", "netns", "list")).orThrow().stdout();
    for (int attempt = 0; attempt < 20; attempt++) {
      byte[] b = new byte[2];
      RANDOM.nextBytes(b);
      String id = HexFormat.of().formatHex(b);
      // Another lab (another test JVM) may hold this id; never share namespaces with it.
      if (!existing.contains("podbgp-" + id + "-")) {
        NetnsLab lab = new NetnsLab(id);
        log.info("netns lab {} created", lab.id);
        return lab;
      }
    }
    throw new LabException("no free lab id after 20 tries; `ip netns list` shows: " + existing);
  }

  public String id() {
    return id;
  }

  /** A new namespace with loopback up and IPv6 duplicate address detection off. */
  public synchronized Netns namespace() {
    ensureOpen();
    String name = "podbgp-" + id + "-" + (namespaces.size() + 1);
    Cmd.run(List.of("ip", "netns", "add", name)).orThrow();
    Netns ns = new Netns(this, name);
    namespaces.add(ns);
    // Before any interface exists, so veths created inside inherit "default".
    ns.sysctl("net.ipv6.conf.all.accept_dad", "0");
    ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
    ns.linkUp("lo");
    return ns;
  }

  /** A veth pair between two of this lab's namespaces, addressed .1 (a) and .2 (b), up. */
  public synchronized Link link(Netns a, Netns b) {
    ensureOwn(a);
    ensureOwn(b);
    int k = allocateSubnet();
    String ifA = "p" + id + "l" + k + "a";
    String ifB = "p" + id + "l" + k + "b";
    Cmd.run(List.of("ip", "-n", a.name(), "link", "add", ifA, "type", "veth",
        "peer", "name", ifB, "netns", b.name())).orThrow();
    Link link = new Link(k, attach(a, ifA, k, 1), attach(b, ifB, k, 2));
    link.a().netns().awaitAddressesReady(ifA);
    link.b().netns().awaitAddressesReady(ifB);
    log.info("link {}: {}/{} {} <-> {}/{} {}", k, a, ifA, link.a().ipv4().getHostAddress(),
        b, ifB, link.b().ipv4().getHostAddress());
    return link;
  }

  /**
   * A bridged subnet joining {@code members}; member i (from 0) gets host address i+1. The bridge
   * lives in an extra hub namespace so no member owns the segment.
   */
  public synchronized Lan lan(List<Netns> members) {
    members.forEach(this::ensureOwn);
    if (members.size() > 200) {
      throw new IllegalArgumentException("a LAN holds at most 200 members, asked for "
          + members.size());
    }
    int k = allocateSubnet();
    Netns hub = namespace();
    String bridge = "p" + id + "l" + k + "br";
    Cmd.run(List.of("ip", "-n", hub.name(), "link", "add", bridge, "type", "bridge")).orThrow();
    hub.linkUp(bridge);
    List<Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Netns m = members.get(i);
      String ifM = "p" + id + "l" + k + "m" + i;
      String ifH = "p" + id + "l" + k + "h" + i;
      Cmd.run(List.of("ip", "-n", m.name(), "link", "add", ifM, "type", "veth",
          "peer", "name", ifH, "netns", hub.name())).orThrow();
      Cmd.run(List.of("ip", "-n", hub.name(), "link", "set", ifH, "master", bridge)).orThrow();
      hub.linkUp(ifH);
      attachments.add(attach(m, ifM, k, i + 1));
    }
    for (Attachment at : attachments) {
      at.netns().awaitAddressesReady(at.iface());
    }
    return new Lan(k, hub, bridge, attachments);
  }

  public synchronized List<Netns> namespaces() {
    return List.copyOf(namespaces);
  }

  synchronized void register(NetnsProcess p) {
    ensureOpen();
    processes.add(p);
  }

  private Attachment attach(Netns ns, String iface, int subnet, int host) {
    String v4 = "10.200." + subnet + "." + host;
    String v6 = "fd00:200:" + subnet + "::" + host;
    ns.addAddress(iface, v4 + "/24");
    ns.addAddress(iface, v6 + "/64");
    ns.linkUp(iface);
    return new Attachment(ns, iface, (Inet4Address) Netns.parse(v4),
        (Inet6Address) Netns.parse(v6), 24, 64);
  }

  private int allocateSubnet() {
    ensureOpen();
    if (nextSubnet > MAX_SUBNETS) {
      throw new LabException("lab " + id + " has used all " + MAX_SUBNETS + " subnets");
    }
    return nextSubnet++;
  }

  private void ensureOwn(Netns ns) {
    if (ns.lab() != this) {
      throw new IllegalArgumentException(ns.name() + " belongs to another lab, not " + id);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new LabException("lab " + id + " is closed");
    }
  }

  @Override
  public void close() {
    teardown();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run; nothing to remove
    }
  }

  private synchronized void teardown() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = processes.size() - 1; i >= 0; i--) {
      try {
        processes.get(i).stop();
      } catch (RuntimeException e) {
        log.warn("stopping {} failed: {}", processes.get(i), e.getMessage());
      }
    }
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      namespaces.get(i).shutdownExecutor();
      String name = namespaces.get(i).name();
      try {
        // Anything still inside was started there by us (helpers a daemon forked): kill it.
        String pids = Cmd.run(List.of("ip", "netns", "pids", name)).stdout().strip();
        if (!pids.isEmpty()) {
          log.warn("killing leftover processes {} in {}", pids.replace('\n', ' '), name);
          List<String> kill = new ArrayList<>(List.of("kill", "-KILL"));
          kill.addAll(List.of(pids.split("\\s+")));
          Cmd.run(kill);
        }
        ExecResult del = Cmd.run(List.of("ip", "netns", "del", name));
        if (!del.ok()) {
          log.warn("deleting {} failed: {}", name, del.stderr().strip());
        }
      } catch (RuntimeException e) {
        log.warn("teardown of {} failed: {}", name, e.getMessage());
      }
    }
    log.info("netns lab {} torn down ({} namespaces, {} processes)", id, namespaces.size(),
        processes.size());
  }
}
