package dev.podbgp.daemon;

import dev.podbgp.daemon.systemd.SystemdNotifier;
import dev.podbgp.daemon.systemd.NotifyReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DaemonTest {
    private final List<String> events = new ArrayList<>();

    private Service service(String name, boolean failStart) {
        return new Service() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() throws IOException {
                if (failStart) {
                    throw new IOException("port in use");
                }
                events.add("start " + name);
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    private static int receivedCount(NotifyReceiver systemd) {
        try {
            return systemd.received().size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void startsInOrderStopsInReverseAndTellsSystemd(@TempDir Path dir) throws Exception {
        Path notify = dir.resolve("notify");
        try (NotifyReceiver systemd = new NotifyReceiver(notify.toString())) {
            Daemon daemon = new Daemon(List.of(service("metrics", false), service("routing", false),
                    service("control", false)),
                    SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", notify.toString())));

            // The hook runs once everything is up and before systemd hears READY (nothing received yet then).
            daemon.start(() -> events.add("before ready, systemd has " + receivedCount(systemd)));
            assertThat(events).containsExactly("start metrics", "start routing", "start control",
                    "before ready, systemd has 0");
            assertThat(systemd.next(0)).isEqualTo("READY=1\nSTATUS=running");

            daemon.requestStop();
            daemon.awaitStopRequest();
            daemon.stop();
            assertThat(events).endsWith("stop control", "stop routing", "stop metrics");
            assertThat(systemd.next(1)).isEqualTo("STOPPING=1\nSTATUS=stopping");
        }
    }

    @Test
    void failedStartStopsWhatStartedAndSaysWhy() {
        Daemon daemon = new Daemon(List.of(service("metrics", false), service("routing", false),
                service("control", true)), SystemdNotifier.fromEnvironment(Map.of()));

        assertThatThrownBy(daemon::start).isInstanceOf(DaemonException.class)
                .hasMessage("control failed to start: port in use");
        assertThat(events).containsExactly("start metrics", "start routing", "stop routing", "stop metrics");
    }

    @Test
    void failingStopDoesNotKeepOthersRunning() throws Exception {
        Service broken = new Service() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void start() {
                events.add("start broken");
            }

            @Override
            public void stop() throws IOException {
                throw new IOException("already gone");
            }
        };
        Daemon daemon = new Daemon(List.of(service("metrics", false), broken, service("control", false)),
                SystemdNotifier.fromEnvironment(Map.of()));
        daemon.start();
        daemon.stop();
        assertThat(events).endsWith("stop control", "stop metrics");
    }
}
