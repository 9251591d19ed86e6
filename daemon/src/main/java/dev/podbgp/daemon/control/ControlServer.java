package dev.podbgp.daemon.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.podbgp.daemon.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The control socket: a Unix stream socket, mode 0600, one JSON request line
 * and one JSON response line per connection. A client that sends nothing is
 * cut off after {@link #REQUEST_TIMEOUT} so it cannot hold a worker.
 */
public final class ControlServer implements Service, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ACCEPT_BACKOFF = Duration.ofMillis(100);
    private static final int WORKERS = 2;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path socket;
    private final ControlHandler handler;
    private final Duration requestTimeout;
    private ServerSocketChannel server;
    private Thread acceptor;
    private ExecutorService workers;
    private ScheduledExecutorService timeouts;

    public ControlServer(Path socket, ControlHandler handler) {
        this(socket, handler, REQUEST_TIMEOUT);
    }

    ControlServer(Path socket, ControlHandler handler, Duration requestTimeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    @Override
    public String name() {
        return "control API on " + socket;
    }

    @Override
    public void stop() throws IOException {
        close();
    }

    public Path socket() {
        return socket;
    }

    /**
     * Binds the socket. Binds under a temporary name, restricts it to 0600 and
     * renames it into place, so no one can connect while it is still open to all.
     */
    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("control server already started on " + socket);
        }
        Path dir = socket.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        removeStaleSocket();
        Path temp = dir.resolve("." + socket.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temp);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temp));
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            Files.move(temp, socket, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw new IOException("cannot listen on control socket " + socket + ": " + e.getMessage(), e);
        }
        server = channel;
        workers = Executors.newFixedThreadPool(WORKERS, daemonThreads("podbgp-control"));
        timeouts = Executors.newSingleThreadScheduledExecutor(daemonThreads("podbgp-control-timeout"));
        acceptor = new Thread(() -> acceptLoop(channel), "podbgp-control-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("control API listening on {}", socket);
    }

    /** A socket file left by a daemon that died is removed; one that still answers means a second daemon. */
    private void removeStaleSocket() throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException("control socket path " + socket + " exists and is not a socket; not removing it");
        }
        if (answers(socket)) {
            throw new IOException("control socket " + socket + " is in use: another podbgpd is running");
        }
        LOG.info("removing stale control socket {}", socket);
        Files.delete(socket);
    }

    private static boolean answers(Path socket) {
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(socket)).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void acceptLoop(ServerSocketChannel channel) {
        while (true) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // E.g. out of file descriptors: pause so a lasting error does not spin and flood the log.
                LOG.warn("control socket {}: accept failed: {}", socket, e.getMessage());
                LockSupport.parkNanos(ACCEPT_BACKOFF.toNanos());
                continue;
            }
            workers.execute(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        ScheduledFuture<?> cutoff = timeouts.schedule(() -> closeQuietly(client), requestTimeout.toNanos(),
                TimeUnit.NANOSECONDS);
        try (client) {
            ControlResponse response;
            try {
                String line = Lines.read(client, Lines.MAX_REQUEST);
                if (line == null) {
                    return;
                }
                response = respond(line);
            } catch (Lines.TooLong e) {
                response = ControlResponse.failure("request is " + e.getMessage() + " (one JSON object per line)");
            }
            Lines.write(client, ControlJson.MAPPER.writeValueAsString(response));
        } catch (IOException e) {
            LOG.debug("control connection ended early: {}", e.toString());
        } finally {
            cutoff.cancel(false);
        }
    }

    private ControlResponse respond(String line) {
        ControlRequest request;
        try {
            request = ControlJson.MAPPER.readValue(line, ControlRequest.class);
        } catch (JsonProcessingException e) {
            return ControlResponse.failure(describe(e));
        }
        return handler.handle(request);
    }

    /** Jackson's messages name Java classes; a client author needs the JSON words. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof InvalidTypeIdException t) {
            String id = t.getTypeId();
            return id == null
                    ? "request has no \"command\" (expected one of " + ControlRequest.COMMANDS + ")"
                    : "unknown command \"" + id + "\" (expected one of " + ControlRequest.COMMANDS + ")";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key \"" + u.getPropertyName() + "\" in the request (known: "
                    + u.getKnownPropertyIds() + ")";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage();
        }
        return "request is not valid JSON for the control API: " + e.getOriginalMessage();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already broken; nothing to report.
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public synchronized void close() throws IOException {
        if (server == null) {
            return;
        }
        server.close();
        workers.shutdownNow();
        timeouts.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
        server = null;
        LOG.info("control API on {} closed", socket);
    }
}
