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
     * Reads up to the first newline or the end of the stream, at most {@code limit} bytes.
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
            int newline = -1;
            for (int i = 0; i < n && newline < 0; i++) {
                if (chunk[i] == '\n') {
                    newline = i;
                }
            }
            int take = newline >= 0 ? newline : n;
            if (out.size() + take > limit) {
                throw new TooLong(limit);
            }
            out.write(chunk, 0, take);
            if (newline >= 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** The peer sent more than the limit before a newline. */
    static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong(int limit) {
            super("longer than " + limit + " bytes");
        }
    }

    static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }
}
