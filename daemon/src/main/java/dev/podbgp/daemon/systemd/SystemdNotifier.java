package dev.podbgp.daemon.systemd;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * sd_notify(3) without libsystemd: one datagram per state change to the
 * AF_UNIX socket named by {@code $NOTIFY_SOCKET} (a path, or {@code @name}
 * for the abstract namespace). Without the variable (not started by systemd
 * with Type=notify) every call does nothing.
 *
 * <p>A failed notification is logged, never thrown: systemd then times the
 * service out, which says more than a daemon that refuses to run.
 */
public final class SystemdNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    public static final String ENV = "NOTIFY_SOCKET";

    private final Optional<String> socket;

    private SystemdNotifier(Optional<String> socket) {
        this.socket = socket;
    }

    public static SystemdNotifier fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static SystemdNotifier fromEnvironment(Map<String, String> env) {
        String value = env.get(ENV);
        return new SystemdNotifier(value == null || value.isEmpty() ? Optional.empty() : Optional.of(value));
    }

    /** For tests and for callers that know the socket. */
    public static SystemdNotifier to(String socket) {
        return new SystemdNotifier(Optional.of(Objects.requireNonNull(socket, "socket")));
    }

    public boolean enabled() {
        return socket.isPresent();
    }

    /** Startup finished: systemd moves the unit to active. */
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    /** A reload started; send {@link #ready} when it is done. */
    public void reloading() {
        send("RELOADING=1\nMONOTONIC_USEC=" + MonotonicClock.microseconds());
    }

    public void stopping() {
        send("STOPPING=1\nSTATUS=stopping");
    }

    /** Free text shown by {@code systemctl status}. */
    public void status(String status) {
        send("STATUS=" + oneLine(status));
    }

    /**
     * Sends one notification (newline-separated {@code KEY=VALUE} assignments).
     *
     * @return whether a datagram went out
     */
    public boolean send(String assignments) {
        if (socket.isEmpty()) {
            return false;
        }
        String name = socket.get();
        // The abstract namespace is spelled "@name" in the variable and starts with NUL on the wire.
        String address = name.startsWith("@") ? "\0" + name.substring(1) : name;
        try (UnixDatagramChannel channel = UnixDatagramChannel.open()) {
            ByteBuffer datagram = ByteBuffer.wrap(assignments.getBytes(StandardCharsets.UTF_8));
            int sent = channel.send(datagram, new UnixSocketAddress(address));
            if (sent != datagram.limit()) {
                LOG.warn("systemd notification to {} truncated: {} of {} bytes", name, sent, datagram.limit());
                return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot notify systemd on {}={} ({}): {}", ENV, name, assignments.replace('\n', ' '),
                    e.toString());
            return false;
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }
}
