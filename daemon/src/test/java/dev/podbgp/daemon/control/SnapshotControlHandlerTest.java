package dev.podbgp.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podbgp.daemon.snapshot.PublishedSnapshots;
import dev.podbgp.daemon.snapshot.RouteSnapshot;
import dev.podbgp.daemon.snapshot.RoutesUnavailable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotControlHandlerTest {
    private final PublishedSnapshots snapshots = new PublishedSnapshots(Fixtures.STATUS);
    private final Fixtures.Peers peers = new Fixtures.Peers();
    private int reloads;
    private final SnapshotControlHandler handler = new SnapshotControlHandler(snapshots, peers, () -> {
        reloads++;
        if (reloads > 1) {
            throw new ReloadException("podbgpd.yaml:3:8: node.asn: \"x\" is not an AS number");
        }
        return new ReloadResult(List.of("node-d"), List.of(), List.of("tor1"));
    });

    {
        snapshots.publishRoutes(Fixtures.ROUTES);
    }

    private List<String> prefixes(ControlResponse r) {
        assertThat(r.ok()).as("response %s", r).isTrue();
        return r.result().findValues("prefix").stream().map(JsonNode::asText).toList();
    }

    @Test
    void statusIsThePublishedSnapshot() {
        ControlResponse r = handler.handle(new ControlRequest.Status());
        assertThat(r.ok()).isTrue();
        assertThat(r.result().get("routerId").asText()).isEqualTo("192.0.2.1");
        assertThat(r.result().get("peers").get(0).get("since").asText()).isEqualTo("2026-11-21T10:15:30.250Z");
        assertThat(r.result().get("peers").get(0).get("state").asText()).isEqualTo("Established");
    }

    @Test
    void newerPublicationIsServed() {
        snapshots.publishRoutes(Fixtures.ROUTES.subList(0, 1));
        assertThat(prefixes(handler.handle(new ControlRequest.Routes(null)))).containsExactly("10.244.1.0/24");
    }

    @Test
    void routesAreBuiltWhenAskedForAndABusyRibIsAClearFailure() {
        int[] built = {0};
        snapshots.routesFrom(() -> {
            built[0]++;
            return Fixtures.ROUTES.subList(1, 2);
        });
        assertThat(built[0]).isZero();
        assertThat(prefixes(handler.handle(new ControlRequest.Routes(null)))).containsExactly("10.244.2.0/24");
        assertThat(prefixes(handler.handle(new ControlRequest.Routes("10.244.2.0/24")))).containsExactly("10.244.2.0/24");
        assertThat(built[0]).isEqualTo(2);

        snapshots.routesFrom(() -> {
            throw new RoutesUnavailable("the RIB or the FIB writer did not hand over the routes within 10 s; try again");
        });
        ControlResponse r = handler.handle(new ControlRequest.Routes(null));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("the RIB or the FIB writer did not hand over the routes within 10 s; try again");
        // Status does not depend on the RIB answering.
        assertThat(handler.handle(new ControlRequest.Status()).ok()).isTrue();
    }

    @Test
    void routesWithoutArgumentAreTheWholeLocRib() {
        assertThat(prefixes(handler.handle(new ControlRequest.Routes(null))))
                .containsExactly("10.244.1.0/24", "10.244.2.0/24", "10.244.0.0/16");
    }

    @Test
    void prefixSelectsExactlyThatEntry() {
        assertThat(prefixes(handler.handle(new ControlRequest.Routes("10.244.2.0/24"))))
                .containsExactly("10.244.2.0/24");
        assertThat(prefixes(handler.handle(new ControlRequest.Routes("10.244.3.0/24")))).isEmpty();
    }

    @Test
    void addressSelectsCoveringEntriesMostSpecificFirst() {
        assertThat(prefixes(handler.handle(new ControlRequest.Routes("10.244.2.7"))))
                .containsExactly("10.244.2.0/24", "10.244.0.0/16");
        assertThat(prefixes(handler.handle(new ControlRequest.Routes("10.245.0.1")))).isEmpty();
    }

    @Test
    void badPrefixIsRefusedWithTheValue() {
        ControlResponse host = handler.handle(new ControlRequest.Routes("10.244.2.1/24"));
        assertThat(host.ok()).isFalse();
        assertThat(host.error()).contains("\"10.244.2.1/24\" has host bits set (expected the network address: "
                + "10.244.2.0/24)");

        ControlResponse name = handler.handle(new ControlRequest.Routes("node-b"));
        assertThat(name.error()).startsWith("routes: \"node-b\" is not an IP address");
    }

    @Test
    void peerCommandsReachTheSessionOwner() {
        assertThat(handler.handle(new ControlRequest.PeerCommand(PeerAction.DISABLE, "tor1", "maintenance")).ok())
                .isTrue();
        assertThat(handler.handle(new ControlRequest.PeerCommand(PeerAction.ENABLE, "tor1", null)).ok()).isTrue();
        ControlResponse reset = handler.handle(new ControlRequest.PeerCommand(PeerAction.RESET, "node-b", null));

        assertThat(peers.log).containsExactly("disable tor1 \"maintenance\"", "enable tor1", "reset node-b");
        assertThat(reset.result().get("peer").asText()).isEqualTo("node-b");
        assertThat(reset.result().get("action").asText()).isEqualTo("reset");
    }

    @Test
    void unknownPeerNamesTheConfiguredOnes() {
        ControlResponse r = handler.handle(new ControlRequest.PeerCommand(PeerAction.RESET, "tor2", null));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("no peer named \"tor2\" (configured: node-b, tor1)");
        assertThat(peers.log).isEmpty();
    }

    @Test
    void reloadReportsChangesOrTheRefusal() {
        ControlResponse ok = handler.handle(new ControlRequest.Reload());
        assertThat(ok.result().get("added").get(0).asText()).isEqualTo("node-d");
        assertThat(ok.result().get("changed").get(0).asText()).isEqualTo("tor1");

        ControlResponse refused = handler.handle(new ControlRequest.Reload());
        assertThat(refused.ok()).isFalse();
        assertThat(refused.error()).isEqualTo("podbgpd.yaml:3:8: node.asn: \"x\" is not an AS number");
    }

    @Test
    void brokenSnapshotIsAnInternalErrorNotACrash() {
        snapshots.publishRoutes(List.of(new RouteSnapshot("not-a-prefix", List.of(), false)));
        ControlResponse r = handler.handle(new ControlRequest.Routes("10.0.0.1"));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).startsWith("internal error while handling").contains("malformed prefix");
    }
}
