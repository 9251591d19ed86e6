package dev.podbgp.daemon;

import dev.podbgp.daemon.control.ControlClient;
import dev.podbgp.daemon.control.ControlRequest;
import dev.podbgp.daemon.control.ControlResponse;
import dev.podbgp.daemon.systemd.NotifyReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * podbgpd as its own process: READY=1 on NOTIFY_SOCKET once the control
 * socket answers, SIGHUP reloads (RELOADING=1, then READY=1), SIGTERM stops
 * in order (STOPPING=1), exit status 0, socket removed.
 */
class DaemonProcessTest {
    @TempDir
    Path dir;

    @Test
    void signalsAndSystemdNotifications() throws Exception {
        Path config = dir.resolve("podbgpd.yaml");
        Path socket = dir.resolve("podbgpd.sock");
        String yaml = """
                node:
                  name: node-a
                  asn: 64512
                  address: 192.0.2.1
                  podCIDRs: [10.244.1.0/24]
                cluster:
                  nodes:
                    - {name: node-b, address: 192.0.2.2, podCIDRs: [10.244.2.0/24]}
                control:
                  socket: %s
                metrics:
                  enabled: false
                """.formatted(socket);
        Files.writeString(config, yaml);
        Path notify = dir.resolve("notify");
        Path log = dir.resolve("podbgpd.log");

        try (NotifyReceiver systemd = new NotifyReceiver(notify.toString())) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ChildDaemonMain.class.getName(),
                    "--config", config.toString(), "--log-format", "json")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("NOTIFY_SOCKET", notify.toString());
            Process daemon = pb.start();
            try {
                systemd.await("READY=1\nSTATUS=running");
                ControlClient client = new ControlClient(socket);
                assertThat(client.send(new ControlRequest.Status()).result().get("peers")).hasSize(1);

                Files.writeString(config, yaml.replace("podCIDRs: [10.244.2.0/24]}",
                        "podCIDRs: [10.244.2.0/24]}\n    - {name: node-c, address: 192.0.2.3}"));
                new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor();

                systemd.await("READY=1\nSTATUS=running; reloaded " + config);
                assertThat(systemd.received()).anyMatch(m -> m.startsWith("RELOADING=1\nMONOTONIC_USEC="));
                ControlResponse status = client.send(new ControlRequest.Status());
                assertThat(status.result().get("peers").findValuesAsText("name")).containsExactly("node-b", "node-c");

                daemon.destroy();  // SIGTERM
                assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("podbgpd exits after SIGTERM").isTrue();
                assertThat(daemon.exitValue()).as(Files.readString(log)).isZero();
                assertThat(systemd.received()).contains("STOPPING=1\nSTATUS=stopping");
                assertThat(socket).doesNotExist();
                assertThat(Files.readString(log)).contains("\"formattedMessage\":\"SIGTERM: stopping\"");
            } finally {
                daemon.destroyForcibly();
                daemon.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
