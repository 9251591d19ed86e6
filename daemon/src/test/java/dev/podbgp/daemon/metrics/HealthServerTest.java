package dev.podbgp.daemon.metrics;

import dev.podbgp.daemon.snapshot.PeerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Scrapes the real HTTP endpoint on 127.0.0.1 with an ephemeral port. */
class HealthServerTest {
    private final Metrics metrics = new Metrics();
    private final AtomicLong clock = new AtomicLong();
    private final Readiness readiness = new Readiness(clock::get);
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HealthServer server;

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        if (server == null) {
            server = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics, readiness,
                    healthy::get);
        }
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void metricsExposeEveryFamilyWithPeerLabels() throws Exception {
        metrics.peerConfigured("tor1", PeerState.IDLE);
        metrics.sessionTransition("tor1", PeerState.IDLE, PeerState.CONNECT);
        metrics.sessionTransition("tor1", PeerState.CONNECT, PeerState.OPEN_SENT);
        metrics.sessionTransition("tor1", PeerState.OPEN_SENT, PeerState.OPEN_CONFIRM);
        metrics.sessionTransition("tor1", PeerState.OPEN_CONFIRM, PeerState.ESTABLISHED);
        metrics.messageReceived("tor1", Metrics.MessageType.UPDATE);
        metrics.messageReceived("tor1", Metrics.MessageType.UPDATE);
        metrics.messageSent("tor1", Metrics.MessageType.KEEPALIVE);
        metrics.peerPrefixes("tor1", Metrics.PrefixDirection.ACCEPTED, 12);
        metrics.prefixesReceived("tor1", 3, 0);
        metrics.prefixesReceived("tor1", 2, 1);
        metrics.prefixesSent("tor1", 1, 0);
        metrics.ribSize(40, 55);
        metrics.fibOperation(Metrics.FibOperation.ADD);
        metrics.fibError(Metrics.FibOperation.DELETE);
        metrics.reconciled(Duration.ofMillis(3));

        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(
                "podbgp_session_state{peer=\"tor1\",podbgp_session_state=\"Established\"} 1",
                "podbgp_session_state{peer=\"tor1\",podbgp_session_state=\"Idle\"} 0",
                "podbgp_session_transitions_total{from=\"OpenConfirm\",peer=\"tor1\",to=\"Established\"} 1.0",
                "podbgp_messages_received_total{peer=\"tor1\",type=\"update\"} 2.0",
                "podbgp_messages_sent_total{peer=\"tor1\",type=\"keepalive\"} 1.0",
                "podbgp_peer_prefixes{direction=\"accepted\",peer=\"tor1\"} 12.0",
                "podbgp_peer_prefixes{direction=\"received\",peer=\"tor1\"} 0.0",
                "podbgp_prefix_updates_received_total{kind=\"announce\",peer=\"tor1\"} 5.0",
                "podbgp_prefix_updates_received_total{kind=\"withdraw\",peer=\"tor1\"} 1.0",
                "podbgp_prefix_updates_sent_total{kind=\"announce\",peer=\"tor1\"} 1.0",
                "podbgp_rib_prefixes 40.0",
                "podbgp_rib_paths 55.0",
                "podbgp_fib_operations_total{operation=\"add\"} 1.0",
                "podbgp_fib_errors_total{operation=\"delete\"} 1.0",
                "podbgp_fib_reconcile_duration_seconds_bucket{le=\"0.005\"} 1",
                "podbgp_fib_reconcile_duration_seconds_count 1");
    }

    @Test
    void removedPeerLeavesNoSeries() throws Exception {
        metrics.peerConfigured("tor1", PeerState.IDLE);
        metrics.peerConfigured("node-b", PeerState.IDLE);
        metrics.messageReceived("tor1", Metrics.MessageType.OPEN);
        metrics.prefixesReceived("tor1", 1, 1);
        metrics.prefixesSent("tor1", 1, 1);
        metrics.sessionTransition("tor1", PeerState.IDLE, PeerState.CONNECT);

        metrics.peerRemoved("tor1");

        String body = get("/metrics").body();
        assertThat(body).doesNotContain("peer=\"tor1\"").contains("peer=\"node-b\"");
    }

    @Test
    void healthzFollowsComponents() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        healthy.set(false);
        HttpResponse<String> r = get("/healthz");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("unhealthy");
    }

    @Test
    void readyzSaysWhatItWaitsFor() throws Exception {
        readiness.peerConfigured("node-b", Duration.ofSeconds(90));

        HttpResponse<String> notReady = get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("not ready:\nthe FIB has not reconciled with the kernel yet\n"
                + "peer node-b has not been Established yet (grace ends in 90s)\n");

        readiness.fibReconciled();
        readiness.peerEstablished("node-b");
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\n");
    }

    @Test
    void busyPortIsNamedInTheError() throws Exception {
        get("/healthz");
        InetSocketAddress taken = new InetSocketAddress("127.0.0.1", server.address().getPort());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> HealthServer.start(taken, metrics, readiness, () -> true))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot listen for metrics on 127.0.0.1:" + taken.getPort());
    }
}
