package dev.podbgp.daemon.control;

import dev.podbgp.daemon.snapshot.PathSnapshot;
import dev.podbgp.daemon.snapshot.PeerState;
import dev.podbgp.daemon.snapshot.PeerStatus;
import dev.podbgp.daemon.snapshot.RouteSnapshot;
import dev.podbgp.daemon.snapshot.StatusSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Snapshots and a small in-memory session owner shared by the control API tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static final StatusSnapshot STATUS = new StatusSnapshot("192.0.2.1", 64512, List.of(
            new PeerStatus("node-b", "192.0.2.2", 64512, PeerState.ESTABLISHED,
                    Instant.parse("2026-11-21T10:15:30.250Z"), 1, 1, 1, null),
            new PeerStatus("tor1", "192.0.2.254", 65000, PeerState.ACTIVE,
                    Instant.parse("2026-11-21T10:20:00Z"), 0, 0, 0, "connect: connection refused")));

    public static final List<RouteSnapshot> ROUTES = List.of(
            new RouteSnapshot("10.244.1.0/24", List.of(
                    new PathSnapshot("192.0.2.1", "local", "", 100L, null, "IGP", List.of(), true, false)), false),
            new RouteSnapshot("10.244.2.0/24", List.of(
                    new PathSnapshot("192.0.2.2", "node-b", "", 100L, null, "IGP", List.of(), true, false),
                    new PathSnapshot("192.0.2.254", "tor1", "65000 64513", 100L, 10L, "IGP",
                            List.of("65000:100", "no-export"), false, true)), true),
            new RouteSnapshot("10.244.0.0/16", List.of(
                    new PathSnapshot("192.0.2.254", "tor1", "65000", null, null, "INCOMPLETE", List.of(), true,
                            false)), true));

    /** Records the commands it accepts; knows the peers of {@link #STATUS}. */
    public static final class Peers implements PeerControl {
        public final List<String> log = new ArrayList<>();
        private final Map<String, Boolean> enabled = new LinkedHashMap<>();

        public Peers() {
            STATUS.peers().forEach(p -> enabled.put(p.name(), true));
        }

        private void check(String peer) throws UnknownPeerException {
            if (!enabled.containsKey(peer)) {
                throw new UnknownPeerException(peer, List.copyOf(enabled.keySet()));
            }
        }

        @Override
        public void enable(String peer) throws UnknownPeerException {
            check(peer);
            enabled.put(peer, true);
            log.add("enable " + peer);
        }

        @Override
        public void disable(String peer, Optional<String> message) throws UnknownPeerException {
            check(peer);
            enabled.put(peer, false);
            log.add("disable " + peer + message.map(m -> " \"" + m + "\"").orElse(""));
        }

        @Override
        public void reset(String peer, Optional<String> message) throws UnknownPeerException {
            check(peer);
            log.add("reset " + peer + message.map(m -> " \"" + m + "\"").orElse(""));
        }
    }
}
