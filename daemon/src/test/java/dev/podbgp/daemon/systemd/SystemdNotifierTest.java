package dev.podbgp.daemon.systemd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifications arrive as datagrams on a real AF_UNIX socket, as systemd would receive them. */
class SystemdNotifierTest {

    @Test
    void readyArrivesOnPathSocket(@TempDir Path dir) throws IOException {
        Path socket = dir.resolve("notify");
        try (NotifyReceiver receiver = new NotifyReceiver(socket.toString())) {
            SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.toString()));

            notifier.ready("2 peers configured");

            assertThat(receiver.next(0)).isEqualTo("READY=1\nSTATUS=2 peers configured");
        }
    }

    @Test
    void abstractSocketNamedWithAt() throws IOException {
        String name = "podbgp-t-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (NotifyReceiver receiver = new NotifyReceiver("\0" + name)) {
            SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "@" + name));

            notifier.stopping();

            assertThat(receiver.next(0)).isEqualTo("STOPPING=1\nSTATUS=stopping");
        }
    }

    @Test
    void reloadingCarriesMonotonicTimestamp(@TempDir Path dir) throws IOException {
        Path socket = dir.resolve("notify");
        try (NotifyReceiver receiver = new NotifyReceiver(socket.toString())) {
            SystemdNotifier.to(socket.toString()).reloading();

            String message = receiver.next(0);
            assertThat(message).startsWith("RELOADING=1\nMONOTONIC_USEC=");
            long usec = Long.parseLong(message.substring(message.indexOf('=', 12) + 1));
            // CLOCK_MONOTONIC counts from boot: positive, and below the time since boot read from /proc.
            assertThat(usec).isPositive().isLessThanOrEqualTo(uptimeMicros() + 1_000_000);
        }
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of());
        assertThat(notifier.enabled()).isFalse();
        assertThat(notifier.send("READY=1")).isFalse();
    }

    @Test
    void unreachableSocketIsReportedNotThrown(@TempDir Path dir) {
        SystemdNotifier notifier = SystemdNotifier.to(dir.resolve("nobody-listens").toString());
        assertThat(notifier.send("READY=1")).isFalse();
    }

    private static long uptimeMicros() throws IOException {
        String uptime = java.nio.file.Files.readString(Path.of("/proc/uptime")).split(" ")[0];
        return (long) (Double.parseDouble(uptime) * 1_000_000);
    }
}
