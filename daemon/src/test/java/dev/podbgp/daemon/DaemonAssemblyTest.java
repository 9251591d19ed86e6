package dev.podbgp.daemon;

import dev.podbgp.conf.ConfigLoader;
import dev.podbgp.conf.PodbgpConfig;
import dev.podbgp.daemon.control.ControlClient;
import dev.podbgp.daemon.control.ControlRequest;
import dev.podbgp.daemon.control.ControlResponse;
import dev.podbgp.daemon.control.PeerAction;
import dev.podbgp.daemon.systemd.SystemdNotifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The daemon around the routing core, started from a configuration file:
 * control socket, metrics, readiness and reload, all over their real sockets.
 */
class DaemonAssemblyTest {
    @TempDir
    Path dir;

    private DaemonAssembly assembly;
    private final AtomicReference<TestRouting> routing = new AtomicReference<>();
    private final AtomicReference<RoutingContext.FatalError> fatal = new AtomicReference<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String config(int metricsPort, String extraNodes) {
        return """
                node:
                  name: node-a
                  asn: 64512
                  address: 192.0.2.1
                  podCIDRs: [10.244.1.0/24]
                cluster:
                  mode: full-mesh
                  nodes:
                    - {name: node-b, address: 192.0.2.2, podCIDRs: [10.244.2.0/24]}
                %s
                control:
                  socket: %s
                metrics:
                  listen: 127.0.0.1:%d
                """.formatted(extraNodes, dir.resolve("podbgpd.sock"), metricsPort);
    }

    private Path start() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path file = dir.resolve("podbgpd.yaml");
        Files.writeString(file, config(port, ""));
        ConfigLoader loader = ConfigLoader.withoutFileChecks();
        PodbgpConfig config = loader.load(file);
        assembly = DaemonAssembly.build(file, loader, config, context -> {
            routing.set(new TestRouting(context.config(), context.readiness()));
            fatal.set(context.fatal());
            return routing.get();
        }, SystemdNotifier.fromEnvironment(Map.of()));
        assembly.daemon().start();
        return file;
    }

    @AfterEach
    void stop() {
        if (assembly != null) {
            assembly.daemon().stop();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + assembly.metricsAddress().orElseThrow().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesStatusMetricsAndReadiness() throws Exception {
        start();
        ControlResponse status = new ControlClient(dir.resolve("podbgpd.sock")).send(new ControlRequest.Status());
        assertThat(status.result().get("routerId").asText()).isEqualTo("192.0.2.1");
        assertThat(status.result().get("peers").get(0).get("name").asText()).isEqualTo("node-b");

        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").body()).contains("podbgp_peer_prefixes{direction=\"received\",peer=\"node-b\"}");

        routing.get().die();
        assertThat(get("/healthz").statusCode()).isEqualTo(503);
    }

    @Test
    void reloadAddsAPeerAndLeavesTheOthersAlone() throws Exception {
        Path file = start();
        String before = Files.readString(file);
        Files.writeString(file, before.replace("podCIDRs: [10.244.2.0/24]}",
                "podCIDRs: [10.244.2.0/24]}\n    - {name: node-c, address: 192.0.2.3, podCIDRs: [10.244.3.0/24]}"));

        ControlResponse reload = new ControlClient(dir.resolve("podbgpd.sock")).send(new ControlRequest.Reload());

        assertThat(reload.ok()).as(reload.toString()).isTrue();
        assertThat(reload.result().get("added").get(0).asText()).isEqualTo("node-c");
        assertThat(routing.get().applied).singleElement()
                .satisfies(diff -> assertThat(diff.unchanged()).containsExactly("node-b"));
        assertThat(get("/metrics").body()).contains("peer=\"node-c\"");
        ControlResponse reset = new ControlClient(dir.resolve("podbgpd.sock"))
                .send(new ControlRequest.PeerCommand(PeerAction.RESET, "node-c", null));
        assertThat(reset.ok()).isTrue();
    }

    @Test
    void brokenFileKeepsTheRunningConfiguration() throws Exception {
        Path file = start();
        Files.writeString(file, Files.readString(file).replace("asn: 64512", "asn: 64x"));

        ControlResponse reload = new ControlClient(dir.resolve("podbgpd.sock")).send(new ControlRequest.Reload());

        assertThat(reload.ok()).isFalse();
        assertThat(reload.error()).contains(file + ":3:8: node.asn: \"64x\"");
        assertThat(routing.get().applied).isEmpty();
        assertThat(assembly.reloader().current().node().asn()).isEqualTo(64512);
    }

    @Test
    void fatalErrorEndsTheDaemonWithExitOne() throws Exception {
        start();
        fatal.get().fail("FIB writer", new IllegalStateException("netlink socket closed"));
        assertThat(assembly.daemon().awaitStopRequest()).isEqualTo(1);
    }

    @Test
    void fatalErrorDuringStartIsNotLost() throws Exception {
        Path file = dir.resolve("podbgpd.yaml");
        Files.writeString(file, config(9, "").replace("metrics:\n  listen: 127.0.0.1:9", "metrics:\n  enabled: false"));
        ConfigLoader loader = ConfigLoader.withoutFileChecks();
        assembly = DaemonAssembly.build(file, loader, loader.load(file), context -> {
            context.fatal().fail("RIB", new IllegalStateException("thread died"));
            routing.set(new TestRouting(context.config(), context.readiness()));
            return routing.get();
        }, SystemdNotifier.fromEnvironment(Map.of()));
        assertThat(assembly.daemon().awaitStopRequest()).isEqualTo(1);
    }

    @Test
    void busyMetricsPortFailsTheStartAndLeavesNothingBehind() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path file = dir.resolve("podbgpd.yaml");
            Files.writeString(file, config(busy.getLocalPort(), ""));
            ConfigLoader loader = ConfigLoader.withoutFileChecks();
            DaemonAssembly failing = DaemonAssembly.build(file, loader, loader.load(file), context -> {
                routing.set(new TestRouting(context.config(), context.readiness()));
                return routing.get();
            }, SystemdNotifier.fromEnvironment(Map.of()));

            assertThatThrownBy(() -> failing.daemon().start()).isInstanceOf(DaemonException.class)
                    .hasMessageStartingWith("metrics on 127.0.0.1:" + busy.getLocalPort()
                            + " failed to start: cannot listen for metrics on 127.0.0.1:" + busy.getLocalPort());
            assertThat(routing.get().events).isEmpty();
            assertThat(dir.resolve("podbgpd.sock")).doesNotExist();
        }
    }

    @Test
    void stopRemovesTheControlSocketAndStopsRouting() throws Exception {
        start();
        assembly.daemon().stop();
        assembly = null;
        assertThat(dir.resolve("podbgpd.sock")).doesNotExist();
        assertThat(routing.get().events).containsExactly("start", "stop");
    }
}
