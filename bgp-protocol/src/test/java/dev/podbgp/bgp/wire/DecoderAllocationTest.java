package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The decoder allocates per IPv4 prefix its address and length in packed
 * arrays ({@link Ipv4PrefixList}), nothing else (no prefix object, no
 * boxing, no byte[] per prefix). Measured with the JVM's per-thread
 * allocation counter: the bytes for decoding 2N prefixes minus those for N,
 * against the same difference for allocating prefix values and a reference
 * array directly, as the decoder did before it packed them.
 */
class DecoderAllocationTest {
    private static final int N = 1000;
    private static Object sink;

    @Test
    void decodingAllocatesAnAddressAndALengthPerPrefix() {
        var mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter not available");
        var threads = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counter not supported");
        threads.setThreadAllocatedMemoryEnabled(true);

        CodecOptions options = Wire.ibgp4().withExtendedMessage(true);
        PathAttributes attrs = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001))
                .nextHop(Ipv4.toInet(Ipv4.parse("192.0.2.1"))).build();
        ByteBuf small = encoded(attrs, N, options);
        ByteBuf large = encoded(attrs, 2 * N, options);
        assertThat(((UpdateMessage) ((DecodeResult.Decoded) BgpDecoder.decode(large, options)).message()).nlri())
                .hasSize(2 * N);

        long decode = perPrefix(threads, () -> BgpDecoder.decode(small, options),
                () -> BgpDecoder.decode(large, options));
        long baseline = perPrefix(threads, () -> baseline(N), () -> baseline(2 * N));
        // An int and a byte per prefix; the baseline (a prefix object and a reference) is 28 bytes.
        assertThat(decode).as("bytes allocated per decoded prefix, against %d for prefix objects", baseline)
                .isBetween(4L, 6L);
        assertThat(baseline).isGreaterThan(20L);
    }

    /** Median over repeated runs, after a warm-up, of (allocated for 2N - allocated for N) / N. */
    private static long perPrefix(com.sun.management.ThreadMXBean threads, Supplier<Object> n, Supplier<Object> twoN) {
        long id = Thread.currentThread().getId();
        long[] samples = new long[21];
        for (int round = -100; round < samples.length; round++) {
            long a = threads.getThreadAllocatedBytes(id);
            sink = n.get();
            long b = threads.getThreadAllocatedBytes(id);
            sink = twoN.get();
            long c = threads.getThreadAllocatedBytes(id);
            if (round >= 0) {
                samples[round] = ((c - b) - (b - a)) / N;
            }
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static Prefix[] baseline(int n) {
        Prefix[] out = new Prefix[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Ipv4Prefix(0x0a000000 + (i << 8), 24, 0);
        }
        return out;
    }

    private static ByteBuf encoded(PathAttributes attrs, int n, CodecOptions options) {
        List<Prefix> prefixes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            prefixes.add(new Ipv4Prefix(0x0a000000 + (i << 8), 24));
        }
        ByteBuf out = Unpooled.buffer();
        BgpEncoder.encode(UpdateMessage.announce(attrs, prefixes), options, out);
        return out;
    }
}
