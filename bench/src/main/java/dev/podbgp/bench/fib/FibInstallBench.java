package dev.podbgp.bench.fib;

import dev.podbgp.fib.netlink.NetlinkSocket;
import dev.podbgp.fib.netlink.Rtnl;
import dev.podbgp.fib.netlink.RtnlConnection;
import dev.podbgp.fib.route.FibCounters;
import dev.podbgp.fib.route.IpPrefix;
import dev.podbgp.fib.route.NextHop;
import dev.podbgp.fib.route.Reconciler;
import dev.podbgp.fib.route.Route;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs N IPv4 routes into a fresh namespace with our reconciler and, in the same run,
 * the same N routes into another fresh namespace with `ip -batch`; then times an incremental
 * change of M routes with N installed (M puts of a new next hop, then one flush), again
 * against `ip -batch` doing the same M replaces. Install time includes our start-up dump
 * and the diff of the whole desired set against it.
 * Rounds alternate which side goes first. Needs root; everything stays in namespaces it
 * creates and removes.
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.podbgp.bench.fib.FibInstallBench 100000 1000 3
 * </pre>
 */
public final class FibInstallBench {

    private FibInstallBench() {}

    record Round(double oursInstallSec, double ipInstallSec, double oursChangeSec, double ipChangeSec,
            long oursChangeMessages) {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (n < 1 || n > 1_000_000 || m < 1 || m > n || rounds < 1 || rounds > 10) {
            throw new IllegalArgumentException("usage: FibInstallBench ROUTES(1..1000000) CHANGES(1..ROUTES) ROUNDS(1..10)");
        }
        // podbgpd is long-running: warm the JIT with a small install first, reported, not counted.
        Round warm = round(Math.min(n, 10_000), Math.min(m, 100), 0, false);
        System.out.printf("warm-up (not counted): %s%n", warm);
        List<Round> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            results.add(round(n, m, round, round % 2 == 0));
        }
        double[] oursInstall = results.stream().mapToDouble(Round::oursInstallSec).sorted().toArray();
        double[] ipInstall = results.stream().mapToDouble(Round::ipInstallSec).sorted().toArray();
        double[] oursChange = results.stream().mapToDouble(Round::oursChangeSec).sorted().toArray();
        double[] ipChange = results.stream().mapToDouble(Round::ipChangeSec).sorted().toArray();
        double oi = median(oursInstall);
        double ii = median(ipInstall);
        double oc = median(oursChange);
        double ic = median(ipChange);
        System.out.printf("%nmedian of %d rounds, %d routes:%n", rounds, n);
        System.out.printf("  install  podbgp   %.3f s  %,.0f routes/s%n", oi, n / oi);
        System.out.printf("  install  ip-batch %.3f s  %,.0f routes/s%n", ii, n / ii);
        System.out.printf("  install  ratio podbgp/ip-batch (routes/s) %.2f%n", ii / oi);
        System.out.printf("  change %d of %d: podbgp %.1f ms (%d messages), ip-batch %.1f ms, ratio %.2f%n", m, n,
                oc * 1000, results.get(0).oursChangeMessages(), ic * 1000, ic / oc);
    }

    static double median(double[] sorted) {
        int k = sorted.length;
        return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    }

    /** The desired set before and after the change: every (n/m)-th route gets another next hop. */
    static List<List<Route>> desired(int n, int m, int ifindex) throws Exception {
        List<Route> routes = routes(n, 0, n, ifindex);
        List<Route> changed = new ArrayList<>(routes);
        List<Route> delta = routes(m, 1, n, ifindex);
        for (int i = 0; i < m; i++) {
            changed.set(i * (n / m), delta.get(i));
        }
        return List.of(routes, changed);
    }

    static Round round(int n, int m, int round, boolean ipFirst) throws Exception {
        List<List<Route>> d = desired(n, m, 1); // ifindex is not written to the batch files
        List<Route> routes = d.get(0);
        List<Route> changed = d.get(1);
        Path batch = Files.createTempFile("podbgp-bench-install", ".batch");
        Path changeBatch = Files.createTempFile("podbgp-bench-change", ".batch");
        try {
            writeBatch(batch, routes, "add");
            List<Route> changedOnly = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                changedOnly.add(changed.get(i * (n / m)));
            }
            writeBatch(changeBatch, changedOnly, "replace");
            double[] ip;
            double[] ours;
            long[] msgs = new long[1];
            if (ipFirst) {
                ip = ipBatch(n, batch, changeBatch, round);
                ours = ours(n, m, round, msgs);
            } else {
                ours = ours(n, m, round, msgs);
                ip = ipBatch(n, batch, changeBatch, round);
            }
            System.out.printf("round %d: install podbgp %.3f s, ip-batch %.3f s; change %d: podbgp %.1f ms, ip-batch %.1f ms%n",
                    round, ours[0], ip[0], m, ours[1] * 1000, ip[1] * 1000);
            return new Round(ours[0], ip[0], ours[1], ip[1], msgs[0]);
        } finally {
            Files.deleteIfExists(batch);
            Files.deleteIfExists(changeBatch);
        }
    }

    /** Returns {install seconds, change seconds}. */
    static double[] ours(int n, int m, int round, long[] messages) throws Exception {
        try (BenchNs ns = BenchNs.create("ours-" + round);
             RtnlConnection conn = RtnlConnection.open(NetlinkSocket.Options.requests().inNamespace(ns.path()))) {
            // Same routes as the batch file, with v0's index as "dev v0" gives iproute2.
            List<List<Route>> d = desired(n, m, ns.ifindex("v0"));
            List<Route> routes = d.get(0);
            List<Route> changed = d.get(1);
            FibCounters counters = new FibCounters();
            Reconciler r = new Reconciler(conn, Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP, counters, Duration.ofSeconds(1),
                    Duration.ofSeconds(30), null);
            long t0 = System.nanoTime();
            r.start();
            r.replaceAll(routes);
            r.flush();
            long t1 = System.nanoTime();
            check(counters, n, "install");
            verifyCount(ns, n);
            long before = counters.snapshot().messagesSent();
            // The RIB hands over changes one prefix at a time; that is the incremental path.
            List<Route> delta = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!changed.get(i).equals(routes.get(i))) {
                    delta.add(changed.get(i));
                }
            }
            long t2 = System.nanoTime();
            for (Route c : delta) {
                r.put(c);
            }
            r.flush();
            long t3 = System.nanoTime();
            messages[0] = counters.snapshot().messagesSent() - before;
            if (counters.snapshot().failures() != 0) {
                throw new IllegalStateException("kernel refused routes during the change");
            }
            return new double[] {(t1 - t0) / 1e9, (t3 - t2) / 1e9};
        }
    }

    static double[] ipBatch(int n, Path batch, Path changeBatch, int round) throws IOException {
        try (BenchNs ns = BenchNs.create("ip-" + round)) {
            long t0 = System.nanoTime();
            ns.ip("-batch", batch.toString());
            long t1 = System.nanoTime();
            verifyCount(ns, n);
            long t2 = System.nanoTime();
            ns.ip("-batch", changeBatch.toString());
            long t3 = System.nanoTime();
            return new double[] {(t1 - t0) / 1e9, (t3 - t2) / 1e9};
        }
    }

    static void check(FibCounters c, int n, String what) {
        FibCounters.Snapshot s = c.snapshot();
        if (s.failures() != 0 || s.messagesSent() != n) {
            throw new IllegalStateException(what + ": " + s);
        }
    }

    static void verifyCount(BenchNs ns, int n) throws IOException {
        long count = ns.ip("-4", "route", "show", "proto", "bgp").lines().count();
        if (count != n) {
            throw new IllegalStateException("namespace " + ns.name() + " has " + count + " bgp routes, expected " + n);
        }
    }

    /** Route i: 10.0.0.0/8 cut into /28s, next hop 192.0.2.(2 + (i + shift) % 8). */
    static List<Route> routes(int count, int shift, int n, int ifindex) throws Exception {
        List<Route> out = new ArrayList<>(count);
        int stride = shift == 0 ? 1 : n / count;
        for (int k = 0; k < count; k++) {
            int i = k * stride;
            int a = (10 << 24) | (i << 4);
            byte[] b = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
            InetAddress gw = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) (2 + (i + shift) % 8)});
            out.add(Route.unicast(IpPrefix.of(b, 28), NextHop.via(gw, ifindex)));
        }
        return out;
    }

    static void writeBatch(Path file, List<Route> routes, String verb) throws IOException {
        StringBuilder sb = new StringBuilder(routes.size() * 64);
        for (Route r : routes) {
            sb.append("route ").append(verb).append(' ').append(r.prefix()).append(" via ")
                    .append(IpPrefix.text(r.nextHops().get(0).gateway())).append(" dev v0 proto bgp metric ")
                    .append(r.metric()).append('\n');
        }
        Files.writeString(file, sb);
    }
}
