package dev.podbgp.bench.rib;

import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.rib.Rib;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prefix updates per second through the RIB (import, decision with ECMP,
 * FIB change stream): each invocation announces 10,000 paths, spread over
 * the peers (10,000 prefixes from one peer, or 1,000 prefixes from each of
 * ten, every prefix then with ten ECMP paths), and withdraws them again. One
 * operation is one path announced or withdrawn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RibUpdateBenchmark {
    private static final int PREFIXES = 10_000;

    @Param({"1", "10"})
    public int peers;

    private Rib rib;
    private final List<List<UpdateMessage>> announce = new ArrayList<>();
    private final List<UpdateMessage> withdraw = new ArrayList<>();
    private Blackhole hole;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        hole = bh;
        rib = Workload.rib(peers, changes -> hole.consume(changes));
        int perPeer = PREFIXES / peers;
        int messages = Workload.messages(perPeer);
        for (int p = 0; p < peers; p++) {
            List<UpdateMessage> b = new ArrayList<>();
            for (int m = 0; m < messages; m++) {
                b.add(Workload.announce(p, m, perPeer));
            }
            announce.add(b);
        }
        for (int m = 0; m < messages; m++) {
            withdraw.add(Workload.withdraw(m, perPeer));
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * PREFIXES)
    public void announceAndWithdrawPaths() {
        for (int p = 0; p < peers; p++) {
            rib.updates(Workload.peerId(p), announce.get(p));
        }
        for (int p = 0; p < peers; p++) {
            rib.updates(Workload.peerId(p), withdraw);
        }
    }
}
