package dev.podbgp.bench.rib;

import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.rib.FibListener;
import dev.podbgp.rib.Rib;
import dev.podbgp.rib.RibStats;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end RIB figures: 1 peer x 1,000,000 IPv4 prefixes and 10 peers x
 * 100,000. For each: the time to take every UPDATE through import, the
 * decision process (with ECMP) and the FIB change stream on one thread, and
 * the heap the RIB retains per path.
 *
 * <p>Also the pass-through of the end-to-end workload 1 ({@link InternetFeed}): 1,000,000 prefixes from one eBGP
 * peer, exported to one eBGP peer (Adj-RIB-Out, exported attribute sets and UPDATE packing included).
 *
 * <p>Run: {@code java -Xmx4g -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.podbgp.bench.rib.RibEndToEnd}
 * (optional arguments: rounds of the timed run, default 3, the best round is reported; then {@code all}
 * (default) or {@code passthrough} for that scenario alone). With {@code -Drib.histogram=true} the class
 * histogram of the loaded pass-through RIB is printed (needs {@code jcmd}). Wall time and the
 * thread's CPU time are both reported: on a shared machine the first includes time the thread waited
 * for a core, the second is what "one core" costs.
 */
public final class RibEndToEnd {
    private RibEndToEnd() {
    }

    record Scenario(int peers, int prefixes) {
        long paths() {
            return (long) peers * prefixes;
        }
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String only = args.length > 1 ? args[1] : "all";
        if (!only.equals("all") && !only.equals("passthrough")) {
            throw new IllegalArgumentException("scenario \"" + only + "\": expected all or passthrough");
        }
        System.out.printf("java %s, %s, %d CPUs available, max heap %d MiB%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("Pass-through, workload 1 shape: one eBGP peer announces 1,000,000 prefixes, all exported "
                + "to one eBGP peer (a flush every 1,000 UPDATEs; the sink packs UPDATEs as the daemon's does):");
        System.out.println("| scenario | prefixes | received attribute sets | attribute sets held | retained heap "
                + "| bytes/prefix | RIB thread CPU | prefixes/s (thread CPU) | allocated on RIB thread "
                + "| allocated bytes/prefix | prefixes sent | UPDATEs sent |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        passThrough(1_000_000, rounds);
        if (only.equals("passthrough")) {
            return;
        }
        System.out.println();
        System.out.println("| scenario | paths | retained heap | bytes/path | attribute sets | wall time | paths/s (wall) "
                + "| RIB thread CPU | paths/s (thread CPU) | process CPU (incl. GC, JIT) | paths/s (process CPU) | FIB changes "
                + "| allocated bytes/path |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        List<Scenario> scenarios = List.of(new Scenario(1, 1_000_000), new Scenario(10, 100_000));
        for (Scenario s : scenarios) {
            run(s, rounds);
        }
        System.out.println();
        System.out.println("Route reflector: one client announces 100,000 prefixes, reflected to 9 other clients "
                + "(export, Adj-RIB-Out and UPDATE generation included):");
        System.out.println("| scenario | paths | Adj-RIB-Out entries | retained heap | bytes/(path + Adj-RIB-Out entry) "
                + "| thread CPU | prefixes/s in (thread CPU) | prefixes sent | UPDATE groups |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        reflector(100_000, 10, rounds);
        System.out.println();
        System.out.println("Baseline in the same JVM: the same UPDATEs into a java.util.HashMap<Prefix, Object[]> "
                + "(per prefix one slot per peer holding the attributes; no decision, no output):");
        System.out.println("| scenario | retained heap | bytes/path | thread CPU | paths/s (thread CPU) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (Scenario s : scenarios) {
            baseline(s, rounds);
        }
    }

    /** Counts what a reflector sends. */
    private static final class Counting implements dev.podbgp.rib.out.UpdateSink {
        long prefixes;
        long groups;

        @Override
        public void send(dev.podbgp.rib.PeerId peer, dev.podbgp.rib.out.PeerUpdate update) {
            prefixes += update.announcedCount() + update.withdrawn().size();
            groups += update.announced().size();
        }

        @Override
        public void requestRouteRefresh(dev.podbgp.rib.PeerId peer, dev.podbgp.bgp.wire.AddressFamily family) {
        }
    }

    private static void reflector(int prefixes, int clients, int rounds) {
        int messages = Workload.messages(prefixes);
        long base = usedAfterGc();
        Counting sink = new Counting();
        Rib rib = Workload.rib(clients, FibListener.NONE, sink, true);
        for (int m = 0; m < messages; m++) {
            rib.updates(Workload.peerId(0), List.of(Workload.announce(0, m, prefixes)));
        }
        long retained = usedAfterGc() - base;
        long outEntries = 0;
        for (int p = 1; p < clients; p++) {
            outEntries += rib.adjRibOut(Workload.peerId(p), dev.podbgp.bgp.wire.AddressFamily.IPV4_UNICAST).size();
        }
        Reference.reachabilityFence(rib);
        rib = null;
        List<UpdateMessage> batch = new ArrayList<>(messages);
        for (int m = 0; m < messages; m++) {
            batch.add(Workload.announce(0, m, prefixes));
        }
        var threads = ManagementFactory.getThreadMXBean();
        long bestCpu = Long.MAX_VALUE;
        Counting sent = null;
        for (int r = 0; r < rounds; r++) {
            usedAfterGc();
            Counting c = new Counting();
            Rib timed = Workload.rib(clients, FibListener.NONE, c, true);
            long c0 = threads.getCurrentThreadCpuTime();
            for (int m = 0; m < messages; m++) {
                timed.updates(Workload.peerId(0), batch.subList(m, m + 1));
            }
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - c0);
            sent = c;
            Reference.reachabilityFence(timed);
        }
        double cpu = bestCpu / 1e9;
        System.out.printf("| 1 of %d clients x %,d | %,d | %,d | %,d B | %.1f | %.3f s | %,.0f | %,d | %,d |%n", clients,
                prefixes, prefixes, outEntries, retained, (double) retained / (prefixes + outEntries), cpu, prefixes / cpu,
                sent.prefixes, sent.groups);
    }

    /** A naive Adj-RIB-In: what the same routes cost in a plain map, as the yardstick for the RIB's figures. */
    private static void baseline(Scenario s, int rounds) {
        int messages = Workload.messages(s.prefixes());
        long base = usedAfterGc();
        java.util.Map<dev.podbgp.bgp.wire.Prefix, Object[]> map = new java.util.HashMap<>();
        for (int m = 0; m < messages; m++) {
            for (int p = 0; p < s.peers(); p++) {
                UpdateMessage u = Workload.announce(p, m, s.prefixes());
                for (dev.podbgp.bgp.wire.Prefix x : u.nlri()) {
                    map.computeIfAbsent(x, k -> new Object[s.peers()])[p] = u.attributes();
                }
            }
        }
        long retained = usedAfterGc() - base;
        Reference.reachabilityFence(map);
        map = null;
        List<List<UpdateMessage>> batches = new ArrayList<>();
        for (int p = 0; p < s.peers(); p++) {
            List<UpdateMessage> b = new ArrayList<>(messages);
            for (int m = 0; m < messages; m++) {
                b.add(Workload.announce(p, m, s.prefixes()));
            }
            batches.add(b);
        }
        var threads = ManagementFactory.getThreadMXBean();
        long bestCpu = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            usedAfterGc();
            java.util.Map<dev.podbgp.bgp.wire.Prefix, Object[]> timed = new java.util.HashMap<>();
            long c0 = threads.getCurrentThreadCpuTime();
            for (int m = 0; m < messages; m++) {
                for (int p = 0; p < s.peers(); p++) {
                    UpdateMessage u = batches.get(p).get(m);
                    for (dev.podbgp.bgp.wire.Prefix x : u.nlri()) {
                        timed.computeIfAbsent(x, k -> new Object[s.peers()])[p] = u.attributes();
                    }
                }
            }
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - c0);
            Reference.reachabilityFence(timed);
        }
        double cpu = bestCpu / 1e9;
        System.out.printf("| %d peer%s x %,d | %,d B | %.1f | %.3f s | %,.0f |%n", s.peers(), s.peers() == 1 ? "" : "s",
                s.prefixes(), retained, (double) retained / s.paths(), cpu, s.paths() / cpu);
    }

    private static void run(Scenario s, int rounds) {
        // Memory: UPDATEs made on the fly and dropped, so only what the RIB keeps is measured.
        long base = usedAfterGc();
        long[] fibChanges = {0};
        Rib rib = Workload.rib(s.peers(), changes -> fibChanges[0] += changes.size());
        int messages = Workload.messages(s.prefixes());
        for (int m = 0; m < messages; m++) {
            for (int p = 0; p < s.peers(); p++) {
                rib.updates(Workload.peerId(p), List.of(Workload.announce(p, m, s.prefixes())));
            }
        }
        long used = usedAfterGc();
        RibStats stats = rib.stats();
        if (stats.paths() != s.paths()) {
            throw new IllegalStateException("RIB holds " + stats.paths() + " paths, expected " + s.paths());
        }
        Reference.reachabilityFence(rib);
        long retained = used - base;
        rib = null;

        // Time: UPDATEs built beforehand (decoding is the codec's cost), best of several rounds.
        List<List<UpdateMessage>> batches = new ArrayList<>();
        for (int p = 0; p < s.peers(); p++) {
            List<UpdateMessage> b = new ArrayList<>(messages);
            for (int m = 0; m < messages; m++) {
                b.add(Workload.announce(p, m, s.prefixes()));
            }
            batches.add(b);
        }
        var threads = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        long bestProc = Long.MAX_VALUE;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long changes = 0;
        long bestAlloc = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            usedAfterGc();
            long[] count = {0};
            FibListener fib = c -> count[0] += c.size();
            Rib timed = Workload.rib(s.peers(), fib);
            long p0 = os.getProcessCpuTime();
            long a0 = allocated();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            // Interleaved like sessions feeding one RIB: one UPDATE from each peer in turn.
            for (int m = 0; m < messages; m++) {
                for (int p = 0; p < s.peers(); p++) {
                    timed.updates(Workload.peerId(p), batches.get(p).subList(m, m + 1));
                }
            }
            long t = System.nanoTime() - t0;
            long c = threads.getCurrentThreadCpuTime() - c0;
            bestAlloc = Math.min(bestAlloc, allocated() - a0);
            bestProc = Math.min(bestProc, os.getProcessCpuTime() - p0);
            best = Math.min(best, t);
            bestCpu = Math.min(bestCpu, c);
            changes = count[0];
            Reference.reachabilityFence(timed);
        }
        double secs = best / 1e9;
        double cpu = bestCpu / 1e9;
        double proc = bestProc / 1e9;
        System.out.printf("| %d peer%s x %,d | %,d | %,d B | %.1f | %,d | %.3f s | %,.0f | %.3f s | %,.0f | %.3f s | %,.0f | %,d "
                        + "| %.1f |%n",
                s.peers(), s.peers() == 1 ? "" : "s", s.prefixes(), s.paths(), retained, (double) retained / s.paths(),
                stats.attributeSets(), secs, s.paths() / secs, cpu, s.paths() / cpu, proc, s.paths() / proc, changes,
                (double) bestAlloc / s.paths());
    }

    /** Packs what the RIB sends as the daemon's session outbox does, and counts it. */
    private static final class Packing implements dev.podbgp.rib.out.UpdateSink {
        long prefixes;
        long messages;

        @Override
        public void send(dev.podbgp.rib.PeerId peer, dev.podbgp.rib.out.PeerUpdate update) {
            prefixes += update.announcedCount() + update.withdrawn().size();
            for (UpdateMessage m : update.toMessages()) {
                messages += dev.podbgp.bgp.wire.UpdatePacker.pack(m, InternetFeed.ENCODING).size();
            }
        }

        @Override
        public void requestRouteRefresh(dev.podbgp.rib.PeerId peer, dev.podbgp.bgp.wire.AddressFamily family) {
        }
    }

    private static final dev.podbgp.rib.PeerId FEEDER = new dev.podbgp.rib.PeerId("feeder");
    private static final dev.podbgp.rib.PeerId MONITOR = new dev.podbgp.rib.PeerId("monitor");
    private static final int FLUSH_EVERY = 1000;
    /** The daemon's FIB listener takes the change lists even with kernel install off; so does this one. */
    private static long fibChanges;

    /** Device AS 65000 between the feeder (eBGP, accept in, nothing out) and the monitor (eBGP, everything out). */
    private static Rib passThroughRib(dev.podbgp.rib.ManualScheduler scheduler, dev.podbgp.rib.out.UpdateSink sink) {
        Rib rib = new Rib(dev.podbgp.rib.RibConfig.of(Workload.LOCAL_AS, dev.podbgp.bgp.wire.Ipv4.parse("10.201.3.254")),
                scheduler, dev.podbgp.rib.decision.NextHopResolver.DIRECT, changes -> fibChanges += changes.size(), sink);
        var ipv4 = new dev.podbgp.rib.PeerCapabilities(java.util.Set.of(dev.podbgp.bgp.wire.AddressFamily.IPV4_UNICAST),
                java.util.Set.of(), true, null);
        rib.configurePeer(FEEDER, dev.podbgp.rib.PeerConfig.DEFAULT.withImportPolicy(dev.podbgp.rib.policy.Policy.ACCEPT_ALL)
                .withExportPolicy(dev.podbgp.rib.policy.Policy.REJECT_ALL));
        rib.configurePeer(MONITOR, dev.podbgp.rib.PeerConfig.DEFAULT.withExportPolicy(dev.podbgp.rib.policy.Policy.ACCEPT_ALL));
        rib.peerUp(FEEDER, new dev.podbgp.rib.PeerInfo(InternetFeed.feederAddress(), inet("10.201.3.254"), null,
                InternetFeed.FEEDER_AS, dev.podbgp.bgp.wire.Ipv4.parse("10.201.0.1"), ipv4));
        rib.peerUp(MONITOR, new dev.podbgp.rib.PeerInfo(inet("10.200.0.2"), inet("10.200.0.1"), null, 65001,
                dev.podbgp.bgp.wire.Ipv4.parse("10.200.0.2"), ipv4));
        scheduler.advance(1000);
        return rib;
    }

    private static java.net.Inet4Address inet(String s) {
        return dev.podbgp.bgp.wire.Ipv4.toInet(dev.podbgp.bgp.wire.Ipv4.parse(s));
    }

    private static void feed(Rib rib, dev.podbgp.rib.ManualScheduler scheduler, UpdateMessage u, int[] count) {
        rib.updates(FEEDER, List.of(u));
        if (++count[0] % FLUSH_EVERY == 0) {
            scheduler.advance(100);
        }
    }

    private static void passThrough(int prefixes, int rounds) {
        InternetFeed feed = new InternetFeed(prefixes, InternetFeed.feederAddress(), 7L * prefixes + 1);
        long base = usedAfterGc();
        var scheduler = new dev.podbgp.rib.ManualScheduler();
        Rib rib = passThroughRib(scheduler, new Packing());
        int[] n = {0};
        feed.forEachUpdate(u -> feed(rib, scheduler, u, n));
        scheduler.advance(100);
        long retained = usedAfterGc() - base;
        RibStats stats = rib.stats();
        if (Boolean.getBoolean("rib.histogram")) {
            histogram();
        }
        int out = rib.adjRibOut(MONITOR, dev.podbgp.bgp.wire.AddressFamily.IPV4_UNICAST).size();
        if (stats.paths() != prefixes || out != prefixes) {
            throw new IllegalStateException("RIB holds " + stats.paths() + " paths and " + out
                    + " Adj-RIB-Out entries, expected " + prefixes + " of each");
        }
        Reference.reachabilityFence(rib);

        List<UpdateMessage> updates = feed.updates();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bestCpu = Long.MAX_VALUE;
        long bestAlloc = Long.MAX_VALUE;
        Packing sent = null;
        for (int r = 0; r < rounds; r++) {
            usedAfterGc();
            Packing sink = new Packing();
            var s = new dev.podbgp.rib.ManualScheduler();
            Rib timed = passThroughRib(s, sink);
            int[] count = {0};
            long a0 = allocated();
            long c0 = threads.getCurrentThreadCpuTime();
            for (UpdateMessage u : updates) {
                feed(timed, s, u, count);
            }
            s.advance(100);
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - c0);
            bestAlloc = Math.min(bestAlloc, allocated() - a0);
            sent = sink;
            Reference.reachabilityFence(timed);
        }
        double cpu = bestCpu / 1e9;
        System.out.printf("| 1 eBGP peer x %,d -> 1 eBGP peer | %,d | %,d | %,d | %,d B | %.1f | %.3f s | %,.0f | %,d B "
                        + "| %.1f | %,d | %,d |%n", prefixes, prefixes, feed.distinctPaths, stats.attributeSets(),
                retained, (double) retained / prefixes, cpu, prefixes / cpu, bestAlloc, (double) bestAlloc / prefixes,
                sent.prefixes, sent.messages);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void histogram() {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
                r.lines().limit(30).forEach(System.out::println);
            }
            p.waitFor();
        } catch (java.io.IOException e) {
            System.out.println("no class histogram: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            long used = mem.getHeapMemoryUsage().getUsed();
            if (used >= last) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }
}
