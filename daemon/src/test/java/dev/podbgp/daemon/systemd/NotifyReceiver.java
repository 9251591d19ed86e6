package dev.podbgp.daemon.systemd;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;

/** The systemd side of sd_notify for tests: a bound AF_UNIX datagram socket that collects messages. */
public final class NotifyReceiver implements AutoCloseable {
    private final UnixDatagramChannel channel;
    private final List<String> received = new ArrayList<>();

    /** @param address a path, or "\0name" for the abstract namespace */
    public NotifyReceiver(String address) throws IOException {
        channel = UnixDatagramChannel.open();
        channel.bind(new UnixSocketAddress(address));
        channel.configureBlocking(false);
    }

    /** Every message so far, in arrival order. */
    public synchronized List<String> received() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (true) {
            buf.clear();
            try {
                if (channel.receive(buf) == null) {
                    break;
                }
            } catch (IOException e) {
                // jnr-unixsocket reports an empty non-blocking socket as EAGAIN rather than null.
                if (String.valueOf(e.getMessage()).contains("temporarily unavailable")) {
                    break;
                }
                throw e;
            }
            buf.flip();
            received.add(StandardCharsets.UTF_8.decode(buf).toString());
        }
        return List.copyOf(received);
    }

    /** Waits (bounded) until {@code expected} has arrived. */
    public void await(String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> received().contains(expected));
    }

    /** The next message after {@code count} received ones. */
    public String next(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> received().size() > count);
        return received.get(count);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
