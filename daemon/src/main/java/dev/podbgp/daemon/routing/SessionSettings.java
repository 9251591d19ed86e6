package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.session.PeerConfig;
import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.conf.PasswordFile;
import dev.podbgp.conf.Peer;
import dev.podbgp.conf.PeerSettings;
import dev.podbgp.conf.TtlMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** A configured session in the session layer's terms. */
final class SessionSettings {
    /** Connect retries back off from the configured time up to this (or the configured time, if longer). */
    static final Duration RETRY_CAP = Duration.ofSeconds(60);

    private SessionSettings() {
    }

    /** A setting the session layer cannot take; the message names the peer and the value. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param localAs    our AS
     * @param routerId   our BGP identifier
     * @param restarting we restarted with our kernel routes kept: R and F bits of graceful restart
     */
    static PeerConfig of(Peer peer, long localAs, int routerId, boolean restarting) throws Unusable {
        PeerSettings s = peer.settings();
        PeerConfig.Builder b = PeerConfig.builder(peer.address()).name(peer.name()).port(s.port()).localAs(localAs)
                .peerAs(s.asn()).routerId(routerId).passive(s.passive())
                .holdTime((int) s.timers().holdTime().getSeconds())
                .keepaliveTime(s.timers().holdTime().isZero() ? 0
                        : (int) Math.max(1, s.timers().keepalive().getSeconds()))
                .connectRetry(s.timers().connectRetry(), max(s.timers().connectRetry(), RETRY_CAP))
                .families(families(s))
                .sourceAddress(s.sourceAddress().orElse(null));
        if (s.gracefulRestart().enabled()) {
            b.gracefulRestart(new PeerConfig.GracefulRestart((int) s.gracefulRestart().restartTime().getSeconds(),
                    restarting, restarting));
        }
        if (s.ttl() instanceof TtlMode.Multihop m) {
            b.ttl(m.hops());
        } else if (s.ttl() instanceof TtlMode.Gtsm g) {
            if (g.hops() != 1) {
                throw new Unusable("peer " + peer.name() + ": ttlSecurity " + g.hops() + " is not supported: the"
                        + " session layer checks GTSM for directly connected peers only (ttlSecurity: 1)", null);
            }
            b.gtsm(true);
        }
        s.maxPrefixes().ifPresent(m -> b.maxPrefix(new PeerConfig.MaxPrefix(m.limit(), m.restartAfter().orElse(null))));
        Optional<String> key = password(peer.name(), s.passwordFile());
        key.ifPresent(b::md5Password);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new Unusable(e.getMessage(), e);
        }
    }

    /** The TCP MD5 key from the password file, read now (a reload reads it again). */
    static Optional<String> password(String peer, Optional<PasswordFile> file) throws Unusable {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = file.get().readKey();
        } catch (IOException e) {
            throw new Unusable("peer " + peer + ": cannot read passwordFile " + file.get() + ": " + e.getMessage(), e);
        }
        for (byte k : key) {
            if (k < 0x20 || k > 0x7e) {
                throw new Unusable("peer " + peer + ": passwordFile " + file.get() + " holds a byte outside printable"
                        + " ASCII; TCP MD5 keys must be printable ASCII (as FRR and BIRD take them)", null);
            }
        }
        return Optional.of(new String(key, StandardCharsets.US_ASCII));
    }

    private static Set<AddressFamily> families(PeerSettings s) {
        Set<AddressFamily> out = new HashSet<>();
        for (dev.podbgp.conf.AddressFamily f : s.families()) {
            out.add(switch (f) {
                case IPV4 -> AddressFamily.IPV4_UNICAST;
                case IPV6 -> AddressFamily.IPV6_UNICAST;
            });
        }
        return out;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
