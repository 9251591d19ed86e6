package dev.podbgp.daemon.cli;

import dev.podbgp.daemon.control.ControlClient;
import dev.podbgp.daemon.control.ControlClientException;
import dev.podbgp.daemon.control.ControlJson;
import dev.podbgp.daemon.control.ControlRequest;
import dev.podbgp.daemon.control.ControlResponse;
import dev.podbgp.daemon.demo.Cmd;
import dev.podbgp.daemon.demo.Frr;
import dev.podbgp.daemon.demo.Sandbox;
import dev.podbgp.daemon.snapshot.PeerState;
import dev.podbgp.daemon.snapshot.PeerStatus;
import dev.podbgp.daemon.snapshot.StatusSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code podbgp demo}: a cluster of podbgpd nodes in network namespaces, with a
 * pod behind each node and, when FRR is installed, a top-of-rack router. Shows
 * that nodes exchange pod routes and pods reach each other, then removes it all.
 */
@Command(name = "demo", description = {
    "Build a sandbox of network namespaces: N nodes on one link, each running podbgpd (full mesh,",
    "its own pod CIDR) with one pod behind it, and a top-of-rack FRR peering eBGP with every node",
    "when FRR is installed. Print each node's status, its kernel routes and a ping from every pod",
    "to every other pod, then remove everything. Needs root. Only namespaces it creates are touched."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every session Established and every ping answered",
            "1:a session did not come up, a ping failed, or the sandbox could not be built",
            "2:wrong command line"})
final class DemoCommand implements Callable<Integer> {
    private static final long NODE_AS = 64512;
    private static final long TOR_AS = 65000;
    private static final String TOR_ADDRESS = "192.0.2.254";
    /** Sessions Established and routes in every kernel within this, else the demo fails. */
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    /** Every pod pair answers a ping within this (after convergence). */
    private static final Duration PINGS = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "nodes, 2..20 (default: 3)")
    private int nodes;

    @Option(names = "--keep", description = "leave the sandbox running and print how to reach it and remove it")
    private boolean keep;

    @Option(names = "--down", description = "remove sandboxes left by --keep (or by a demo that was killed), then exit")
    private boolean down;

    @Option(names = "--route-reflector", description = "node1 reflects routes; the other nodes peer only with it"
            + " (cluster.mode route-reflector-client) instead of a full mesh")
    private boolean routeReflector;

    @Option(names = "--no-tor", description = "leave out the FRR top-of-rack router even when FRR is installed")
    private boolean noTor;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!isRoot()) {
            err.println("podbgp demo: needs root (it creates network namespaces); try: sudo bin/podbgp demo");
            err.flush();
            return 1;
        }
        if (down) {
            int n = Sandbox.down(out);
            out.println(n == 0 ? "no demo sandbox found" : "removed " + n + " demo sandbox(es)");
            out.flush();
            return 0;
        }
        if (nodes < 2 || nodes > 20) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--nodes " + nodes + " is outside 2..20");
        }
        long t0 = System.nanoTime();
        Sandbox sandbox = Sandbox.create();
        Thread cleanup = new Thread(sandbox::close, "podbgp-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup); // Ctrl-C and kill still remove everything
        boolean ok = false;
        try {
            ok = run(sandbox, t0);
            return ok ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("podbgp demo: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            if (keep && ok) {
                Runtime.getRuntime().removeShutdownHook(cleanup);
                printKeep(sandbox);
            } else {
                if (keep) {
                    out.println("not keeping a sandbox that failed; removing it");
                }
                out.println("removing the sandbox (" + sandbox.namespaces().size() + " namespaces)");
                out.flush();
                sandbox.close();
                Runtime.getRuntime().removeShutdownHook(cleanup);
                out.printf("demo took %.1f s%n", (System.nanoTime() - t0) / 1e9);
                out.flush();
            }
        }
    }

    private boolean run(Sandbox s, long t0) throws IOException, InterruptedException {
        if (!Cmd.executable("/usr/bin/ping") && !Cmd.executable("/bin/ping")) {
            throw new IllegalStateException("ping is not installed (Debian package iputils-ping); the demo pings"
                    + " between pods");
        }
        boolean tor = !noTor && Frr.available();
        out.println("podbgp demo: " + nodes + " nodes " + (routeReflector ? "as clients of node1, the route reflector"
                : "in full mesh") + " (AS " + NODE_AS + ")"
                + (tor ? ", top-of-rack FRR (AS " + TOR_AS + ") peering eBGP with each" : ", no FRR top-of-rack ("
                + (noTor ? "--no-tor" : "FRR not installed") + ")") + "; namespaces " + s.prefix() + "-*");
        out.flush();
        String lan = s.netns("lan");
        s.ip(lan, "link", "add", "br0", "type", "bridge");
        s.ip(lan, "link", "set", "br0", "up");
        List<Node> all = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            all.add(buildNode(s, lan, i));
        }
        String torNs = tor ? buildTor(s, lan) : null;
        for (Node n : all) {
            Path config = s.dir().resolve(n.name + ".yaml");
            Files.writeString(config, nodeConfig(n, all, tor, routeReflector, s.dir()));
            n.process = s.spawn(n.ns, daemonCommand(config), s.dir().resolve(n.name + ".log"));
        }
        if (tor) {
            startFrr(s, torNs, all);
        }
        out.println("started " + nodes + " podbgpd processes" + (tor ? " and FRR" : "") + "; waiting for sessions"
                + " and routes (at most " + CONVERGE.toSeconds() + " s)");
        out.flush();
        boolean converged = awaitConverged(s, all, torNs);
        out.printf("%s after %.1f s%n%n", converged ? "converged" : "NOT converged", (System.nanoTime() - t0) / 1e9);
        boolean established = true;
        for (Node n : all) {
            out.println("=== " + n.name + " (" + n.ns + "): podbgp status");
            StatusSnapshot st = status(n);
            if (st == null) {
                out.println("podbgpd does not answer; its log: " + s.dir().resolve(n.name + ".log"));
                established = false;
            } else {
                out.print(Views.status(st));
                established &= allEstablished(st, expectedPeers(n, tor));
            }
            out.println("--- ip -n " + n.ns + " route show proto bgp");
            out.print(s.ip(n.ns, "route", "show", "proto", "bgp"));
            out.println();
        }
        if (tor) {
            out.println("=== tor (" + torNs + "): ip route show proto bgp");
            out.print(s.ip(torNs, "route", "show", "proto", "bgp"));
            out.println();
        }
        out.flush();
        boolean pings = pingAll(s, all);
        boolean ok = converged && established && pings;
        out.println(ok ? "RESULT: all sessions Established, every pod reaches every other pod"
                : "RESULT: FAILED (" + (established ? "" : "sessions not Established; ") + (pings ? "" : "pings failed; ")
                + (converged ? "" : "did not converge; ") + "logs in " + s.dir() + " until removal)");
        out.flush();
        if (!ok) {
            for (Node n : all) {
                out.println("--- last lines of " + n.name + ".log");
                List<String> lines = Files.readAllLines(s.dir().resolve(n.name + ".log"));
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(out::println);
            }
        }
        return ok;
    }

    /** One node: its namespace on the LAN and a pod namespace behind a veth. */
    private Node buildNode(Sandbox s, String lan, int i) {
        Node n = new Node(i, s.netns("node" + i), s.netns("pod" + i), s.dir());
        // Interfaces are created inside the namespaces themselves: nothing appears in ours.
        s.ip(n.ns, "link", "add", "eth0", "type", "veth", "peer", "name", "n" + i, "netns", lan);
        s.ip(lan, "link", "set", "n" + i, "master", "br0", "up");
        s.ip(n.ns, "addr", "add", n.address + "/24", "dev", "eth0");
        s.ip(n.ns, "link", "set", "eth0", "up");
        s.ip(n.ns, "link", "add", "pod0", "type", "veth", "peer", "name", "eth0", "netns", n.podNs);
        s.ip(n.ns, "addr", "add", n.gateway + "/24", "dev", "pod0");
        s.ip(n.ns, "link", "set", "pod0", "up");
        s.ip(n.podNs, "addr", "add", n.pod + "/24", "dev", "eth0");
        s.ip(n.podNs, "link", "set", "eth0", "up");
        s.ip(n.podNs, "route", "add", "default", "via", n.gateway);
        sysctl(s, n.ns, "net.ipv4.ip_forward=1");
        return n;
    }

    private String buildTor(Sandbox s, String lan) {
        String ns = s.netns("tor");
        s.ip(ns, "link", "add", "eth0", "type", "veth", "peer", "name", "tor", "netns", lan);
        s.ip(lan, "link", "set", "tor", "master", "br0", "up");
        s.ip(ns, "addr", "add", TOR_ADDRESS + "/24", "dev", "eth0");
        s.ip(ns, "link", "set", "eth0", "up");
        sysctl(s, ns, "net.ipv4.ip_forward=1");
        return ns;
    }

    private static void sysctl(Sandbox s, String ns, String setting) {
        Cmd.Result r = s.exec(ns, Duration.ofSeconds(10), "sysctl", "-q", "-w", setting);
        if (!r.ok()) {
            throw new IllegalStateException("sysctl " + setting + " in " + ns + " failed: " + r.output().strip());
        }
    }

    private static String nodeConfig(Node n, List<Node> all, boolean tor, boolean rr, Path dir) {
        StringBuilder y = new StringBuilder();
        y.append("node:\n  name: ").append(n.name).append("\n  asn: ").append(NODE_AS).append("\n  address: ")
                .append(n.address).append("\n  podCIDRs: [").append(n.podCidr).append("]\n");
        // Short timers: a demo that notices a dead peer in seconds, not minutes.
        y.append("timers: {holdTime: 9s, connectRetry: 1s}\n");
        boolean reflector = rr && n.index == 1;
        y.append("cluster:\n  mode: ").append(rr && !reflector ? "route-reflector-client" : "full-mesh")
                .append("\n  nodes:\n");
        for (Node o : all) {
            y.append("    - {name: ").append(o.name).append(", address: ").append(o.address).append(", podCIDRs: [")
                    .append(o.podCidr).append("]").append(rr && o.index == 1 ? ", routeReflector: true" : "")
                    .append("}\n");
        }
        if (reflector) {
            y.append("  routeReflector: {clusterId: ").append(n.address).append("}\n");
        }
        if (tor) {
            y.append("peers:\n  - {name: tor, address: ").append(TOR_ADDRESS).append(", asn: ").append(TOR_AS)
                    .append("}\n");
        }
        y.append("control:\n  socket: ").append(dir.resolve(n.name + ".sock")).append('\n');
        y.append("metrics:\n  listen: 127.0.0.1:9179\n");
        return y.toString();
    }

    /** podbgpd on this JVM's class path: the distribution bin/podbgp runs from. */
    private static List<String> daemonCommand(Path config) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Small heap and quick JIT: several daemons start at once on a small machine.
        return List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.podbgp.daemon.PodbgpdMain", "--config", config.toString());
    }

    private void startFrr(Sandbox s, String ns, List<Node> all) throws IOException {
        Path dir = s.dir().resolve("frr");
        StringBuilder c = new StringBuilder("frr defaults traditional\nhostname tor\nlog file ")
                .append(dir.resolve("frr.log")).append("\n!\nrouter bgp ").append(TOR_AS)
                .append("\n bgp router-id ").append(TOR_ADDRESS)
                .append("\n no bgp ebgp-requires-policy\n timers bgp 3 9\n neighbor NODES peer-group\n neighbor NODES"
                        + " remote-as ").append(NODE_AS).append("\n neighbor NODES timers connect 1\n"
                        + " neighbor NODES advertisement-interval 0\n");
        for (Node n : all) {
            c.append(" neighbor ").append(n.address).append(" peer-group NODES\n");
        }
        c.append(" address-family ipv4 unicast\n  maximum-paths 16\n exit-address-family\n!\n");
        Frr.start(s, ns, dir, c.toString());
    }

    /** Sessions a node has: the other nodes (full mesh or as reflector), only the reflector (client), plus the ToR. */
    private int expectedPeers(Node n, boolean tor) {
        int cluster = !routeReflector || n.index == 1 ? nodes - 1 : 1;
        return cluster + (tor ? 1 : 0);
    }

    /**
     * Every session Established on every node, every other node's pod CIDR in every node's kernel,
     * and every pod CIDR in the top-of-rack's.
     */
    private boolean awaitConverged(Sandbox s, List<Node> all, String torNs) {
        boolean tor = torNs != null;
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = true;
            if (tor) {
                String routes = s.ip(torNs, "route", "show", "proto", "bgp");
                for (Node o : all) {
                    done &= routes.contains(o.podCidr + " ");
                }
            }
            for (Node n : all) {
                if (!n.process.isAlive()) {
                    out.println(n.name + ": podbgpd exited with status " + n.process.exitValue() + "; see "
                            + s.dir().resolve(n.name + ".log"));
                    return false;
                }
                StatusSnapshot st = status(n);
                done &= st != null && allEstablished(st, expectedPeers(n, tor));
                if (done) {
                    String routes = s.ip(n.ns, "route", "show", "proto", "bgp");
                    for (Node o : all) {
                        done &= o == n || routes.contains(o.podCidr + " via " + o.address);
                    }
                }
                if (!done) {
                    break;
                }
            }
            if (done) {
                return true;
            }
            pause(250);
        }
        return false;
    }

    private static boolean allEstablished(StatusSnapshot st, int sessions) {
        if (st.peers().size() != sessions) {
            return false;
        }
        for (PeerStatus p : st.peers()) {
            if (p.state() != PeerState.ESTABLISHED) {
                return false;
            }
        }
        return true;
    }

    private StatusSnapshot status(Node n) {
        try {
            ControlResponse r = new ControlClient(n.socket).send(new ControlRequest.Status());
            return r.ok() ? ControlJson.MAPPER.treeToValue(r.result(), StatusSnapshot.class) : null;
        } catch (ControlClientException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** Every pod pings every other pod; each pair may retry until the ping phase's time limit. */
    private boolean pingAll(Sandbox s, List<Node> all) {
        out.println("=== ping from every pod to every other pod (ping -c 1 -W 2)");
        long deadline = System.nanoTime() + PINGS.toNanos();
        boolean allOk = true;
        for (Node from : all) {
            for (Node to : all) {
                if (from == to) {
                    continue;
                }
                int tries = 0;
                Cmd.Result r;
                do {
                    tries++;
                    r = s.exec(from.podNs, Duration.ofSeconds(5), "ping", "-n", "-c", "1", "-W", "2", to.pod);
                } while (!r.ok() && tries < 5 && System.nanoTime() < deadline);
                String rtt = r.output().lines().filter(l -> l.contains("time=")).findFirst()
                        .map(l -> l.substring(l.indexOf("time="))).orElse("");
                out.printf("pod%d (%s) -> pod%d (%s): %s%s%n", from.index, from.pod, to.index, to.pod,
                        r.ok() ? "ok " + rtt : "FAILED: " + r.output().strip().lines().reduce((a, b) -> b).orElse(""),
                        tries > 1 ? " (after " + tries + " tries)" : "");
                out.flush();
                allOk &= r.ok();
            }
        }
        return allOk;
    }

    private void printKeep(Sandbox s) {
        out.println();
        out.println("The sandbox keeps running (--keep). To look around:");
        out.println("  bin/podbgp --socket " + s.dir().resolve("node1.sock") + " status");
        out.println("  bin/podbgp --socket " + s.dir().resolve("node1.sock") + " routes");
        out.println("  ip -n " + s.prefix() + "-node1 route show proto bgp");
        out.println("  ip netns exec " + s.prefix() + "-pod1 ping -c 1 10.244.2.2");
        out.println("  logs and configurations: " + s.dir());
        out.println("To remove it: bin/podbgp demo --down");
        out.println("  (or by hand: kill $(ip netns pids NS) for each, then ip netns del NS, for NS in: "
                + String.join(" ", s.namespaces()) + ")");
        out.flush();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling sessions and routes, bounded by the caller's deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective UID
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static final class Node {
        final int index;
        final String name;
        final String ns;
        final String podNs;
        final String address;
        final String podCidr;
        final String gateway;
        final String pod;
        final Path socket;
        Process process;

        Node(int index, String ns, String podNs, Path dir) {
            this.index = index;
            this.name = "node" + index;
            this.ns = ns;
            this.podNs = podNs;
            // TEST-NET-1 for the link, 10.244.0.0/16 for pods: all inside the sandbox's namespaces.
            this.address = "192.0.2." + (10 + index);
            this.podCidr = "10.244." + index + ".0/24";
            this.gateway = "10.244." + index + ".1";
            this.pod = "10.244." + index + ".2";
            this.socket = dir.resolve(name + ".sock");
        }
    }
}
