package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Capability.AddPath.Direction;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything one session needs to know about its neighbour. Immutable; built
 * with {@link #builder(InetAddress)}. Validation names the peer and the value.
 *
 * @param name label for logs and the CLI (the address when not given)
 * @param address the neighbour's address (for a dynamic neighbour: the address it connected from)
 * @param port TCP port we connect to (179)
 * @param localAs our AS number (unsigned 32 bits)
 * @param peerAs the AS the neighbour must announce (unsigned 32 bits)
 * @param routerId our BGP identifier (IPv4 as int, never 0)
 * @param holdTime the hold time we propose, 0 or 3..65535 seconds
 * @param keepaliveTime our keepalive interval in seconds (at most a third of the negotiated hold time is used)
 * @param passive wait for the neighbour to connect, never connect ourselves
 * @param connectRetryMin first retry delay after a failure; doubles per failure
 * @param connectRetryMax the cap of that doubling
 * @param families families we offer (MP capabilities)
 * @param requiredFamilies families the neighbour must offer too, else OPEN Error / Unsupported Capability
 * @param addPath ADD-PATH directions we offer per family
 * @param gracefulRestart our graceful restart capability, or null for none
 * @param extendedNextHop offer IPv4 unicast with IPv6 next hops (RFC 8950)
 * @param extendedMessage offer messages up to 65535 bytes (RFC 8654)
 * @param md5Password TCP MD5 password (RFC 2385), or null
 * @param gtsm GTSM (RFC 5082): send with TTL 255 and accept only TTL 254 and more
 * @param ttl outgoing TTL / hop limit (eBGP multihop); 0 means 1 for eBGP and the system default for iBGP
 * @param sourceAddress local address to connect from, or null for the kernel's choice
 * @param maxPrefix limit of received prefixes per family, or null for none
 * @param sendHoldTime RFC 9687 send hold time, or null for max(8 minutes, 2 x hold time)
 * @param dscpCs6 mark our packets DSCP CS6 (network control)
 */
public record PeerConfig(
        String name,
        InetAddress address,
        int port,
        long localAs,
        long peerAs,
        int routerId,
        int holdTime,
        int keepaliveTime,
        boolean passive,
        Duration connectRetryMin,
        Duration connectRetryMax,
        Set<AddressFamily> families,
        Set<AddressFamily> requiredFamilies,
        Map<AddressFamily, Direction> addPath,
        GracefulRestart gracefulRestart,
        boolean extendedNextHop,
        boolean extendedMessage,
        String md5Password,
        boolean gtsm,
        int ttl,
        InetAddress sourceAddress,
        MaxPrefix maxPrefix,
        Duration sendHoldTime,
        boolean dscpCs6) {

    public static final int BGP_PORT = 179;

    /**
     * Our graceful restart capability (RFC 4724).
     *
     * @param restartTime seconds the neighbour should keep our routes, 0..4095
     * @param restarting set the R bit: we restarted and are recovering
     * @param forwardingPreserved set the F bit for every family: the kernel routes survived the restart
     */
    public record GracefulRestart(int restartTime, boolean restarting, boolean forwardingPreserved) {
        public GracefulRestart {
            if (restartTime < 0 || restartTime > 4095) {
                throw new IllegalArgumentException("graceful restart time " + restartTime + " is outside 0..4095 seconds");
            }
        }
    }

    /**
     * Maximum prefix limit (RFC 4486 Cease/1 when exceeded).
     *
     * @param limit most prefixes accepted per family
     * @param restartAfter start the session again after this long, or null to stay down until reset
     */
    public record MaxPrefix(long limit, Duration restartAfter) {
        public MaxPrefix {
            if (limit < 1 || limit > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("maximum prefix limit " + limit + " is outside 1..4294967295");
            }
            if (restartAfter != null && (restartAfter.isNegative() || restartAfter.isZero())) {
                throw new IllegalArgumentException("maximum prefix restart delay " + restartAfter + " must be positive");
            }
        }
    }

    public PeerConfig {
        if (address == null) {
            throw new IllegalArgumentException("peer " + name + ": no address");
        }
        name = name == null || name.isBlank() ? address.getHostAddress() : name;
        String who = "peer " + name;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(who + ": port " + port + " is outside 1..65535");
        }
        checkAs(who + ": local AS", localAs);
        checkAs(who + ": peer AS", peerAs);
        if (routerId == 0) {
            throw new IllegalArgumentException(who + ": router id 0.0.0.0 is not a valid BGP identifier");
        }
        if (holdTime == 1 || holdTime == 2 || holdTime < 0 || holdTime > 65535) {
            throw new IllegalArgumentException(who + ": hold time " + holdTime
                    + " is invalid (RFC 4271: 0 to disable, or 3..65535 seconds)");
        }
        if (keepaliveTime < 0 || (holdTime > 0 && keepaliveTime >= holdTime) || keepaliveTime > 21845) {
            throw new IllegalArgumentException(who + ": keepalive time " + keepaliveTime
                    + " must be below the hold time " + holdTime);
        }
        if (connectRetryMin == null || connectRetryMin.isNegative() || connectRetryMin.isZero()) {
            throw new IllegalArgumentException(who + ": connect retry " + connectRetryMin + " must be positive");
        }
        if (connectRetryMax == null || connectRetryMax.compareTo(connectRetryMin) < 0) {
            throw new IllegalArgumentException(who + ": connect retry cap " + connectRetryMax
                    + " is below the first retry delay " + connectRetryMin);
        }
        families = Set.copyOf(new LinkedHashSet<>(families));
        if (families.isEmpty()) {
            throw new IllegalArgumentException(who + ": no address family configured");
        }
        requiredFamilies = Set.copyOf(requiredFamilies);
        for (AddressFamily f : requiredFamilies) {
            if (!families.contains(f)) {
                throw new IllegalArgumentException(who + ": required family " + f + " is not among the offered " + families);
            }
        }
        addPath = Map.copyOf(addPath);
        for (AddressFamily f : addPath.keySet()) {
            if (!families.contains(f)) {
                throw new IllegalArgumentException(who + ": ADD-PATH family " + f + " is not among the offered " + families);
            }
        }
        if (md5Password != null && (md5Password.isEmpty() || md5Password.length() > 80)) {
            throw new IllegalArgumentException(who + ": MD5 password must be 1..80 characters (TCP_MD5SIG_MAXKEYLEN)");
        }
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException(who + ": TTL " + ttl + " is outside 1..255 (0 for the default)");
        }
        if (gtsm && ttl != 0 && ttl != 255) {
            throw new IllegalArgumentException(who + ": GTSM sends with TTL 255, so TTL " + ttl + " contradicts it");
        }
        if (sourceAddress != null && (sourceAddress instanceof Inet4Address) != (address instanceof Inet4Address)) {
            throw new IllegalArgumentException(who + ": source address " + sourceAddress.getHostAddress()
                    + " is not of the same IP version as " + address.getHostAddress());
        }
        if (sendHoldTime != null && sendHoldTime.isNegative()) {
            throw new IllegalArgumentException(who + ": send hold time " + sendHoldTime + " is negative");
        }
    }

    private static void checkAs(String what, long asn) {
        if (asn < 1 || asn > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " " + asn + " is outside 1..4294967295");
        }
    }

    /** Whether this is an internal session (same AS). */
    public boolean ibgp() {
        return localAs == peerAs;
    }

    /** The TTL / hop limit our packets carry. */
    public int effectiveTtl() {
        if (gtsm) {
            return 255;
        }
        if (ttl != 0) {
            return ttl;
        }
        return ibgp() ? 64 : 1;
    }

    /** This configuration for another neighbour address (how a dynamic range template becomes a peer). */
    public PeerConfig withAddress(InetAddress other, String otherName) {
        return toBuilder().address(other).name(otherName).build();
    }

    public static Builder builder(InetAddress address) {
        return new Builder().address(address);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.address = address;
        b.port = port;
        b.localAs = localAs;
        b.peerAs = peerAs;
        b.routerId = routerId;
        b.holdTime = holdTime;
        b.keepaliveTime = keepaliveTime;
        b.passive = passive;
        b.connectRetryMin = connectRetryMin;
        b.connectRetryMax = connectRetryMax;
        b.families = families;
        b.requiredFamilies = requiredFamilies;
        b.addPath = addPath;
        b.gracefulRestart = gracefulRestart;
        b.extendedNextHop = extendedNextHop;
        b.extendedMessage = extendedMessage;
        b.md5Password = md5Password;
        b.gtsm = gtsm;
        b.ttl = ttl;
        b.sourceAddress = sourceAddress;
        b.maxPrefix = maxPrefix;
        b.sendHoldTime = sendHoldTime;
        b.dscpCs6 = dscpCs6;
        return b;
    }

    /** Mutable builder with the defaults an operator expects (hold 90, keepalive 30, IPv4+IPv6 unicast). */
    public static final class Builder {
        private String name;
        private InetAddress address;
        private int port = BGP_PORT;
        private long localAs;
        private long peerAs;
        private int routerId;
        private int holdTime = 90;
        private int keepaliveTime = -1;
        private boolean passive;
        private Duration connectRetryMin = Duration.ofSeconds(1);
        private Duration connectRetryMax = Duration.ofSeconds(60);
        private Set<AddressFamily> families = Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
        private Set<AddressFamily> requiredFamilies = Set.of();
        private Map<AddressFamily, Direction> addPath = Map.of();
        private GracefulRestart gracefulRestart;
        private boolean extendedNextHop;
        private boolean extendedMessage;
        private String md5Password;
        private boolean gtsm;
        private int ttl;
        private InetAddress sourceAddress;
        private MaxPrefix maxPrefix;
        private Duration sendHoldTime;
        private boolean dscpCs6 = true;

        private Builder() {
        }

        public Builder name(String v) { name = v; return this; }
        public Builder address(InetAddress v) { address = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder localAs(long v) { localAs = v; return this; }
        public Builder peerAs(long v) { peerAs = v; return this; }
        public Builder routerId(int v) { routerId = v; return this; }
        public Builder holdTime(int v) { holdTime = v; return this; }
        public Builder keepaliveTime(int v) { keepaliveTime = v; return this; }
        public Builder passive(boolean v) { passive = v; return this; }
        public Builder connectRetry(Duration min, Duration max) { connectRetryMin = min; connectRetryMax = max; return this; }
        public Builder families(Set<AddressFamily> v) { families = v; return this; }
        public Builder requiredFamilies(Set<AddressFamily> v) { requiredFamilies = v; return this; }
        public Builder addPath(Map<AddressFamily, Direction> v) { addPath = v; return this; }
        public Builder gracefulRestart(GracefulRestart v) { gracefulRestart = v; return this; }
        public Builder extendedNextHop(boolean v) { extendedNextHop = v; return this; }
        public Builder extendedMessage(boolean v) { extendedMessage = v; return this; }
        public Builder md5Password(String v) { md5Password = v; return this; }
        public Builder gtsm(boolean v) { gtsm = v; return this; }
        public Builder ttl(int v) { ttl = v; return this; }
        public Builder sourceAddress(InetAddress v) { sourceAddress = v; return this; }
        public Builder maxPrefix(MaxPrefix v) { maxPrefix = v; return this; }
        public Builder sendHoldTime(Duration v) { sendHoldTime = v; return this; }
        public Builder dscpCs6(boolean v) { dscpCs6 = v; return this; }

        public PeerConfig build() {
            int keepalive = keepaliveTime >= 0 ? keepaliveTime : holdTime / 3;
            return new PeerConfig(name, address, port, localAs, peerAs, routerId, holdTime, keepalive, passive,
                    connectRetryMin, connectRetryMax, families, requiredFamilies, addPath, gracefulRestart,
                    extendedNextHop, extendedMessage, md5Password, gtsm, ttl, sourceAddress, maxPrefix,
                    sendHoldTime, dscpCs6);
        }
    }
}
