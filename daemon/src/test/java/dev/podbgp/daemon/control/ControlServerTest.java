package dev.podbgp.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podbgp.daemon.snapshot.PublishedSnapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The control socket end to end: a real Unix socket in a temporary directory. */
class ControlServerTest {
    @TempDir
    Path dir;

    private final PublishedSnapshots snapshots = new PublishedSnapshots(Fixtures.STATUS);
    private final Fixtures.Peers peers = new Fixtures.Peers();
    private ControlServer server;

    private Path start() throws IOException {
        snapshots.publishRoutes(Fixtures.ROUTES);
        Path socket = dir.resolve("run/podbgpd.sock");
        server = new ControlServer(socket, new SnapshotControlHandler(snapshots, peers,
                () -> new ReloadResult(List.of(), List.of(), List.of())));
        server.start();
        return socket;
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** What a script would do: write a line, read a line. */
    private static String raw(Path socket, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (ch.read(buf) >= 0) {
                if (!buf.hasRemaining()) {
                    break;
                }
            }
            buf.flip();
            return StandardCharsets.UTF_8.decode(buf).toString();
        }
    }

    @Test
    void socketIsOwnerOnly() throws IOException {
        Path socket = start();
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(socket.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("podbgpd.sock");
        }
    }

    @Test
    void clientRoundTrip() throws Exception {
        Path socket = start();
        ControlClient client = new ControlClient(socket);

        ControlResponse status = client.send(new ControlRequest.Status());
        assertThat(status.ok()).isTrue();
        assertThat(status.result().get("peers")).hasSize(2);

        ControlResponse routes = client.send(new ControlRequest.Routes("10.244.2.0/24"));
        assertThat(routes.result()).hasSize(1);
        assertThat(routes.result().get(0).get("paths").get(1).get("communities").get(1).asText())
                .isEqualTo("no-export");

        ControlResponse disable = client.send(new ControlRequest.PeerCommand(PeerAction.DISABLE, "tor1", "bye"));
        assertThat(disable.ok()).isTrue();
        assertThat(peers.log).containsExactly("disable tor1 \"bye\"");
    }

    @Test
    void wireFormatIsOneJsonLine() throws IOException {
        Path socket = start();
        String answer = raw(socket, "{\"command\":\"peer\",\"action\":\"reset\",\"peer\":\"node-b\"}\n");
        assertThat(answer).isEqualTo("{\"ok\":true,\"result\":{\"peer\":\"node-b\",\"action\":\"reset\"}}\n");
    }

    @Test
    void requestWithoutNewlineIsReadToTheEnd() throws IOException {
        Path socket = start();
        JsonNode answer = ControlJson.MAPPER.readTree(raw(socket, "{\"command\":\"status\"}"));
        assertThat(answer.get("ok").asBoolean()).isTrue();
    }

    @Test
    void badRequestsGetSpecificErrors() throws IOException {
        Path socket = start();
        assertThat(error(socket, "{\"command\":\"show\"}"))
                .isEqualTo("unknown command \"show\" (expected one of status, routes, peer, reload)");
        assertThat(error(socket, "{\"prefix\":\"10.0.0.0/8\"}"))
                .isEqualTo("request has no \"command\" (expected one of status, routes, peer, reload)");
        assertThat(error(socket, "{\"command\":\"routes\",\"prefx\":\"10.0.0.0/8\"}"))
                .startsWith("unknown key \"prefx\" in the request");
        assertThat(error(socket, "{\"command\":\"peer\",\"action\":\"enable\",\"peer\":\"tor1\",\"message\":\"x\"}"))
                .isEqualTo("peer enable takes no message (only disable and reset send one)");
        assertThat(error(socket, "{\"command\":\"peer\",\"action\":\"disable\"}"))
                .isEqualTo("peer disable needs the peer's name in \"peer\"");
        assertThat(error(socket, "{\"command\":\"routes\",\"prefix\":\"" + "x".repeat(70_000) + "\"}"))
                .isEqualTo("request is longer than 65536 bytes (one JSON object per line)");
        assertThat(error(socket, "status please"))
                .startsWith("request is not valid JSON for the control API");
    }

    private static String error(Path socket, String request) throws IOException {
        JsonNode answer = ControlJson.MAPPER.readTree(raw(socket, request + "\n"));
        assertThat(answer.get("ok").asBoolean()).as(answer.toString()).isFalse();
        return answer.get("error").asText();
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void silentClientIsCutOffAndOthersStillServed() throws IOException {
        Path socket = dir.resolve("slow.sock");
        server = new ControlServer(socket, new SnapshotControlHandler(snapshots, peers,
                () -> new ReloadResult(List.of(), List.of(), List.of())), java.time.Duration.ofMillis(300));
        server.start();
        // Two silent clients occupy both workers; the cutoff frees them for the third.
        try (SocketChannel a = SocketChannel.open(UnixDomainSocketAddress.of(socket));
             SocketChannel b = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            assertThat(raw(socket, "{\"command\":\"status\"}\n")).startsWith("{\"ok\":true");
            assertThat(a.read(ByteBuffer.allocate(16))).as("server closed the silent connection").isEqualTo(-1);
            assertThat(b.read(ByteBuffer.allocate(16))).as("server closed the silent connection").isEqualTo(-1);
        }
    }

    @Test
    void closeRemovesTheSocket() throws IOException {
        Path socket = start();
        server.close();
        server = null;
        assertThat(socket).doesNotExist();
    }

    @Test
    void staleSocketIsReplaced() throws IOException {
        Path socket = dir.resolve("run/podbgpd.sock");
        Files.createDirectories(socket.getParent());
        // A daemon that died leaves its socket file behind, with nobody listening.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        start();
        assertThat(raw(socket, "{\"command\":\"status\"}\n")).startsWith("{\"ok\":true");
    }

    @Test
    void secondDaemonOnTheSameSocketIsRefused() throws IOException {
        Path socket = start();
        ControlServer second = new ControlServer(socket, request -> ControlResponse.failure("second"));
        assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                .hasMessage("control socket " + socket + " is in use: another podbgpd is running");
        assertThat(raw(socket, "{\"command\":\"status\"}\n")).startsWith("{\"ok\":true");
    }

    @Test
    void regularFileInTheWayIsNotDeleted() throws IOException {
        Path socket = dir.resolve("podbgpd.sock");
        Files.writeString(socket, "precious");
        ControlServer s = new ControlServer(socket, request -> ControlResponse.failure("x"));
        assertThatThrownBy(s::start).hasMessageContaining("exists and is not a socket");
        assertThat(Files.readString(socket)).isEqualTo("precious");
    }

    @Test
    void clientExplainsAMissingDaemon() {
        ControlClient client = new ControlClient(dir.resolve("nothing.sock"));
        assertThatThrownBy(() -> client.send(new ControlRequest.Status()))
                .isInstanceOf(ControlClientException.class)
                .hasMessageStartingWith("no control socket at " + dir.resolve("nothing.sock")
                        + ": is podbgpd running");
    }

    @Test
    void clientExplainsALeftOverSocket() throws IOException {
        Path socket = dir.resolve("left.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThatThrownBy(() -> new ControlClient(socket).send(new ControlRequest.Status()))
                .hasMessage("nothing listens on " + socket + ": podbgpd is not running (the socket file is left over)");
    }
}
