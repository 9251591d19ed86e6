package dev.podbgp.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podbgp.daemon.control.ControlJson;
import dev.podbgp.daemon.control.ControlServer;
import dev.podbgp.daemon.control.Fixtures;
import dev.podbgp.daemon.control.ReloadException;
import dev.podbgp.daemon.control.ReloadResult;
import dev.podbgp.daemon.control.SnapshotControlHandler;
import dev.podbgp.daemon.snapshot.PublishedSnapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The client against a real control socket: what a person and a script see. */
class PodbgpCommandTest {
    @TempDir
    Path dir;

    private final PublishedSnapshots snapshots = new PublishedSnapshots(Fixtures.STATUS);
    private final Fixtures.Peers peers = new Fixtures.Peers();
    private final List<ReloadResult> reloads = new ArrayList<>();
    private ControlServer server;
    private Path socket;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        snapshots.publishRoutes(Fixtures.ROUTES);
        socket = dir.resolve("podbgpd.sock");
        server = new ControlServer(socket, new SnapshotControlHandler(snapshots, peers, () -> {
            if (reloads.isEmpty()) {
                throw new ReloadException("configuration podbgpd.yaml has errors; keeping the running one:\n"
                        + "podbgpd.yaml:4:8: node.asn: \"x\" is not an AS number");
            }
            return reloads.remove(0);
        }));
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = PodbgpCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void statusTable() {
        Run r = run("--socket", socket.toString(), "status");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                router ID 192.0.2.1, AS 64512

                NAME    ADDRESS        ASN  STATE        SINCE                 RECEIVED  ACCEPTED  ADVERTISED  LAST ERROR
                node-b  192.0.2.2    64512  Established  2026-11-21T10:15:30Z         1         1           1
                tor1    192.0.2.254  65000  Active       2026-11-21T10:20:00Z         0         0           0  connect: connection refused
                """);
    }

    @Test
    void statusJsonHasTheDocumentedKeys() throws IOException {
        Run r = run("--socket", socket.toString(), "--json", "status");
        assertThat(r.exit()).isZero();
        JsonNode json = ControlJson.MAPPER.readTree(r.out());
        assertThat(json.get("routerId").asText()).isEqualTo("192.0.2.1");
        assertThat(json.get("asn").asLong()).isEqualTo(64512);
        JsonNode tor = json.get("peers").get(1);
        assertThat(tor.fieldNames()).toIterable().containsExactly("name", "address", "asn", "state", "since",
                "received", "accepted", "advertised", "lastError");
        assertThat(tor.get("since").asText()).isEqualTo("2026-11-21T10:20:00Z");
        assertThat(tor.get("state").asText()).isEqualTo("Active");
        assertThat(tor.get("lastError").asText()).isEqualTo("connect: connection refused");
    }

    @Test
    void optionsAlsoAfterTheSubcommand() throws IOException {
        Run r = run("status", "--json", "--socket", socket.toString());
        assertThat(r.exit()).isZero();
        assertThat(ControlJson.MAPPER.readTree(r.out()).get("peers")).hasSize(2);
    }

    @Test
    void routesTable() {
        Run r = run("--socket", socket.toString(), "routes");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                PREFIX             NEXT HOP     PEER    AS PATH      LOCAL PREF  MED  ORIGIN      COMMUNITIES          KERNEL
                10.244.1.0/24  *>  192.0.2.1    local                       100       IGP                              own (connected)
                10.244.2.0/24  *>  192.0.2.2    node-b                      100       IGP                              installed
                               *=  192.0.2.254  tor1    65000 64513         100   10  IGP         65000:100 no-export
                10.244.0.0/16  *>  192.0.2.254  tor1    65000                         INCOMPLETE                       installed

                3 prefixes, 4 paths
                """);
    }

    @Test
    void routesForOnePrefixAsJson() throws IOException {
        Run r = run("--socket", socket.toString(), "--json", "routes", "10.244.2.0/24");
        assertThat(r.exit()).isZero();
        JsonNode routes = ControlJson.MAPPER.readTree(r.out());
        assertThat(routes).hasSize(1);
        assertThat(routes.get(0).get("installed").asBoolean()).isTrue();
        JsonNode path = routes.get(0).get("paths").get(1);
        assertThat(path.fieldNames()).toIterable().containsExactly("nextHop", "peer", "asPath", "localPref", "med",
                "origin", "communities", "best", "multipath");
        assertThat(path.get("multipath").asBoolean()).isTrue();
        assertThat(path.get("med").asLong()).isEqualTo(10);
    }

    @Test
    void noMatchingRoutes() {
        Run r = run("--socket", socket.toString(), "routes", "192.0.2.0/24");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("no routes\n");
    }

    @Test
    void peerCommands() {
        assertThat(run("--socket", socket.toString(), "peer", "disable", "tor1", "--message", "rack move").out())
                .isEqualTo("peer tor1: disable requested\n");
        assertThat(run("--socket", socket.toString(), "peer", "enable", "tor1").exit()).isZero();
        assertThat(run("--socket", socket.toString(), "peer", "reset", "node-b").exit()).isZero();
        assertThat(peers.log).containsExactly("disable tor1 \"rack move\"", "enable tor1", "reset node-b");
    }

    @Test
    void refusedRequestExitsOneWithTheDaemonsError() {
        Run r = run("--socket", socket.toString(), "peer", "reset", "tor9");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("podbgp: no peer named \"tor9\" (configured: node-b, tor1)\n");
    }

    @Test
    void reloadPrintsWhatChanged() {
        reloads.add(new ReloadResult(List.of("node-d"), List.of("node-c"), List.of()));
        reloads.add(new ReloadResult(List.of(), List.of(), List.of()));
        assertThat(run("--socket", socket.toString(), "reload").out())
                .isEqualTo("reloaded:\n  added: node-d\n  removed: node-c\n");
        assertThat(run("--socket", socket.toString(), "reload").out())
                .isEqualTo("reloaded: no session added, removed or changed\n");
        Run refused = run("--socket", socket.toString(), "reload");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("podbgpd.yaml:4:8: node.asn: \"x\" is not an AS number");
    }

    @Test
    void unreachableDaemonExitsThree() {
        Run r = run("--socket", dir.resolve("other.sock").toString(), "status");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).startsWith("podbgp: no control socket at " + dir.resolve("other.sock"));
    }

    @Test
    void everySubcommandHasHelp() {
        Run r = run("peer", "disable", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: podbgp peer disable").contains("--message=M");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("--socket", socket.toString(), "peer", "disable").exit()).isEqualTo(2);
        assertThat(run("--socket", socket.toString(), "peer", "enable", "tor1", "--message", "x").exit())
                .isEqualTo(2);
        assertThat(run("--socket", socket.toString(), "show").exit()).isEqualTo(2);
    }
}
