package dev.podbgp.daemon.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** One newline-terminated UTF-8 message each way on a control connection. */
final class Lines {
    /** Requests are tiny; a larger one is a wrong client, not a reason to buffer without end. */
    static final int MAX_REQUEST = 64 * 1024;

    private Lines() {
    }

    /**
     * Reads up to the first newline or the end of the stream.
     *
     * @return the text without the newline, or null when the peer sent nothing at all
     */
    static String read(SocketChannel channel, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (true) {
            buf.clear();
            int n = channel.read(buf);
            if (n < 0) {
                return out.size() == 0 ? null : out.toString(StandardCharsets.UTF_8);
            }
            byte[] chunk = buf.array();
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    out.write(chunk, 0, i);
                    return out.toString(StandardCharsets.UTF_8);
                }
            }
            out.write(chunk, 0, n);
            if (out.size() > limit) {
                throw new IOException("message longer than " + limit + " bytes without a newline");
            }
        }
    }

    static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }
}
