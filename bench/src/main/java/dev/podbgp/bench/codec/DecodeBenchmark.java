package dev.podbgp.bench.codec;

import dev.podbgp.bgp.wire.BgpDecoder;
import dev.podbgp.bgp.wire.DecodeResult;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * UPDATE decode throughput. One operation decodes a whole stream of
 * messages (frame length, then decode, as the channel handler does); the
 * {@link Counts} report the same work as prefixes/s, bytes/s and messages/s.
 * With {@code -prof gc}, {@code gc.alloc.rate.norm} is the allocation per
 * stream: divide by the stream's prefixes for bytes per prefix.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar dev.podbgp.bench.codec -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {

    /**
     * (a) packed: one attribute set, 4096-byte UPDATEs full of IPv4 prefixes;
     * (b) realistic: distinct attribute sets, 1-3 prefixes each;
     * one-per-update: packed's attributes, one prefix per UPDATE, to separate
     * per-prefix from per-message allocation.
     */
    @Param({"packed", "realistic", "one-per-update"})
    public String stream;

    private DecodeStreams.Stream data;

    @Setup(Level.Trial)
    public void setUp() {
        data = switch (stream) {
            case "packed" -> DecodeStreams.packed(100_000, 1);
            case "realistic" -> DecodeStreams.realistic(20_000, 2);
            case "one-per-update" -> DecodeStreams.onePerUpdate(20_000, 3);
            default -> throw new IllegalArgumentException("unknown stream \"" + stream
                    + "\" (expected packed, realistic or one-per-update)");
        };
        System.out.printf("%n%s stream: %d UPDATEs, %d prefixes, %d bytes (%.1f prefixes and %.1f bytes per UPDATE)%n",
                stream, data.messages(), data.prefixes(), data.bytes(),
                (double) data.prefixes() / data.messages(), (double) data.bytes() / data.messages());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        data.wire().release();
    }

    /** Work done, reported by JMH as rates next to the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long prefixes;
        public long bytes;
        public long messages;

        @Setup(Level.Iteration)
        public void reset() {
            prefixes = 0;
            bytes = 0;
            messages = 0;
        }
    }

    @Benchmark
    public void decode(Counts counts, Blackhole bh) {
        ByteBuf wire = data.wire();
        int[] offsets = data.offsets();
        int end = offsets[offsets.length - 1];
        for (int i = 0; i < data.messages(); i++) {
            // Frame as the channel handler does, then decode the frame in place (no slice object).
            wire.setIndex(offsets[i], end);
            int length = BgpDecoder.frameLength(wire, DecodeStreams.OPTIONS);
            wire.writerIndex(offsets[i] + length);
            DecodeResult r = BgpDecoder.decode(wire, DecodeStreams.OPTIONS);
            bh.consume(r);
        }
        wire.setIndex(0, end);
        counts.prefixes += data.prefixes();
        counts.bytes += data.bytes();
        counts.messages += data.messages();
    }
}
