package dev.podbgp.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the seed corpus of {@link BgpDecoderFuzzTest}: valid messages of
 * every kind under several session settings (from {@link RandomBgp}) and
 * a few broken ones, in the input formats of its two fuzz tests. The corpus
 * is committed under src/test/resources; to regenerate it, from the repository root:
 * <pre>
 * ./mvnw -q -pl bgp-protocol test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.podbgp.bgp.wire.FuzzCorpusWriter
 * </pre>
 */
public final class FuzzCorpusWriter {
    private FuzzCorpusWriter() {
    }

    /** Settings bytes: 4-octet, 2-octet+ADD-PATH+iBGP, extended message+RFC 8950, 2-octet eBGP. */
    private static final int[] SETTINGS = {0b000001, 0b011100, 0b100111, 0b000000};

    public static void main(String[] args) throws IOException {
        Path root = Paths.get(args.length > 0 ? args[0]
                : "bgp-protocol/src/test/resources/dev/podbgp/bgp/wire/BgpDecoderFuzzTestInputs");
        Path frames = Files.createDirectories(root.resolve("decodeFrame"));
        Path streams = Files.createDirectories(root.resolve("decodeStream"));
        int n = 0;
        for (int s = 0; s < SETTINGS.length; s++) {
            CodecOptions options = BgpDecoderFuzzTest.options(SETTINGS[s]);
            RandomBgp r = new RandomBgp(0x5EED0000L + s);
            List<byte[]> stream = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                BgpMessage m = switch (i % 6) {
                    case 0 -> r.open();
                    case 1, 2, 3 -> r.update(options, RandomBgp.UpdateShape.values()[(i / 6 + i) % RandomBgp.UpdateShape.values().length]);
                    case 4 -> r.notification();
                    default -> i % 12 == 5 ? KeepaliveMessage.INSTANCE : r.routeRefresh();
                };
                byte[] wire = encode(m, options);
                if (wire.length > 6000) {
                    continue; // keep the corpus small; the fuzzer grows big inputs itself
                }
                stream.add(wire);
                // Shape 0: the frame as is.
                write(frames, String.format("valid-%02d", n++), concat(new byte[] {(byte) SETTINGS[s], 0}, wire));
            }
            // Broken ones: cut short, length field lying, type unknown.
            byte[] first = stream.get(1);
            write(frames, "truncated-" + s, concat(new byte[] {(byte) SETTINGS[s], 0},
                    java.util.Arrays.copyOf(first, first.length / 2)));
            byte[] lying = first.clone();
            lying[16] = (byte) 0xFF;
            lying[17] = (byte) 0xFF;
            write(frames, "length-65535-" + s, concat(new byte[] {(byte) SETTINGS[s], 0}, lying));
            // Shape 1: an UPDATE body the harness frames.
            write(frames, "update-body-" + s, concat(new byte[] {(byte) SETTINGS[s], 1},
                    java.util.Arrays.copyOfRange(first, 19, first.length)));
            byte[] all = new byte[] {(byte) SETTINGS[s]};
            for (byte[] w : stream) {
                all = concat(all, w);
            }
            write(streams, "session-" + s, all);
        }
    }

    private static byte[] encode(BgpMessage m, CodecOptions options) {
        ByteBuf buf = Unpooled.buffer();
        try {
            BgpEncoder.encode(m, options, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }
}
