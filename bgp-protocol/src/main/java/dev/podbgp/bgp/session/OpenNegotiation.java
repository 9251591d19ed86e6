package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Capability;
import dev.podbgp.bgp.wire.Capability.AddPath.Direction;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.NotificationMessage;
import dev.podbgp.bgp.wire.OpenMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds our OPEN from a {@link PeerConfig} and judges the neighbour's
 * (RFC 4271 §6.2, RFC 5492): either the {@link Negotiated} result or the exact
 * NOTIFICATION to send. Pure functions, no state.
 */
public final class OpenNegotiation {
    private static final int AFI_IPV6 = AddressFamily.AFI_IPV6;

    private OpenNegotiation() {
    }

    /** The result of judging a received OPEN. */
    public sealed interface Outcome {
        /** The OPEN is acceptable; this is what we agreed. */
        record Accepted(Negotiated negotiated) implements Outcome {
        }

        /** The OPEN is not acceptable: send {@code notification}; {@code reason} is for the log. */
        record Rejected(NotificationMessage notification, String reason) implements Outcome {
        }
    }

    /** Our OPEN for this peer. */
    public static OpenMessage localOpen(PeerConfig c) {
        List<Capability> caps = new ArrayList<>();
        for (AddressFamily f : sorted(c.families())) {
            caps.add(new Capability.Multiprotocol(f));
        }
        caps.add(new Capability.RouteRefresh());
        caps.add(new Capability.FourOctetAs((int) c.localAs()));
        if (c.extendedNextHop() && c.families().contains(AddressFamily.IPV4_UNICAST)) {
            caps.add(new Capability.ExtendedNextHop(List.of(
                    new Capability.ExtendedNextHop.Entry(AddressFamily.IPV4_UNICAST, AFI_IPV6))));
        }
        if (c.extendedMessage()) {
            caps.add(new Capability.ExtendedMessage());
        }
        if (!c.addPath().isEmpty()) {
            List<Capability.AddPath.Entry> entries = new ArrayList<>();
            for (AddressFamily f : sorted(c.addPath().keySet())) {
                entries.add(new Capability.AddPath.Entry(f, c.addPath().get(f)));
            }
            caps.add(new Capability.AddPath(entries));
        }
        PeerConfig.GracefulRestart gr = c.gracefulRestart();
        if (gr != null) {
            List<Capability.GracefulRestart.Entry> entries = new ArrayList<>();
            for (AddressFamily f : sorted(c.families())) {
                entries.add(new Capability.GracefulRestart.Entry(f, gr.forwardingPreserved()));
            }
            caps.add(new Capability.GracefulRestart(gr.restarting(), true, gr.restartTime(), entries));
        }
        return OpenMessage.of(c.localAs(), c.holdTime(), c.routerId(), caps);
    }

    /** Judges the neighbour's OPEN against our configuration and the OPEN we sent. */
    public static Outcome judge(PeerConfig c, OpenMessage sent, OpenMessage received) {
        if (received.version() != OpenMessage.VERSION) {
            // Data: the largest version we support (RFC 4271 §6.2).
            return reject(NotificationMessage.OPEN_MESSAGE_ERROR, NotificationMessage.UNSUPPORTED_VERSION_NUMBER,
                    new byte[] {0, OpenMessage.VERSION}, "peer speaks BGP version " + received.version() + ", we speak 4");
        }
        long peerAs = received.asNumber();
        Capability.FourOctetAs as4 = received.capability(Capability.FourOctetAs.class);
        if (as4 != null && received.myAutonomousSystem() != OpenMessage.AS_TRANS
                && received.myAutonomousSystem() != peerAs) {
            return reject(NotificationMessage.OPEN_MESSAGE_ERROR, NotificationMessage.BAD_PEER_AS, null,
                    "peer's My AS " + received.myAutonomousSystem() + " contradicts its 4-octet AS " + peerAs);
        }
        if (peerAs != c.peerAs()) {
            return reject(NotificationMessage.OPEN_MESSAGE_ERROR, NotificationMessage.BAD_PEER_AS, null,
                    "peer announces AS " + peerAs + " but is configured as AS " + c.peerAs());
        }
        if (received.bgpIdentifier() == 0) {
            return reject(NotificationMessage.OPEN_MESSAGE_ERROR, NotificationMessage.BAD_BGP_IDENTIFIER, null,
                    "peer's BGP identifier is 0.0.0.0");
        }
        boolean ibgp = c.ibgp();
        if (ibgp && received.bgpIdentifier() == c.routerId()) {
            return reject(NotificationMessage.OPEN_MESSAGE_ERROR, NotificationMessage.BAD_BGP_IDENTIFIER, null,
                    "iBGP peer uses our own BGP identifier " + Ipv4.format(c.routerId()));
        }
        int peerHold = received.holdTime();
        if (peerHold == 1 || peerHold == 2) {
            return reject(NotificationMessage.OPEN_MESSAGE_ERROR, NotificationMessage.UNACCEPTABLE_HOLD_TIME, null,
                    "peer proposes hold time " + peerHold + "s (must be 0 or at least 3)");
        }

        Set<AddressFamily> peerFamilies = new LinkedHashSet<>();
        boolean anyMp = false;
        for (Capability cap : received.capabilities()) {
            if (cap instanceof Capability.Multiprotocol mp) {
                anyMp = true;
                peerFamilies.add(mp.family());
            }
        }
        if (!anyMp) {
            // RFC 4760 §1: without multiprotocol capabilities a speaker carries IPv4 unicast.
            peerFamilies.add(AddressFamily.IPV4_UNICAST);
        }
        for (AddressFamily required : sorted(c.requiredFamilies())) {
            if (!peerFamilies.contains(required)) {
                // RFC 5492 §3: data carries the capability we need and the peer lacks.
                byte[] data = {Capability.MULTIPROTOCOL, 4, (byte) (required.afi() >>> 8), (byte) required.afi(), 0,
                        (byte) required.safi()};
                return reject(NotificationMessage.OPEN_MESSAGE_ERROR, NotificationMessage.UNSUPPORTED_CAPABILITY, data,
                        "peer does not offer required family " + required + " (it offers " + peerFamilies + ")");
            }
        }
        Set<AddressFamily> families = new LinkedHashSet<>();
        for (AddressFamily f : sorted(c.families())) {
            if (peerFamilies.contains(f)) {
                families.add(f);
            }
        }

        int hold = Math.min(c.holdTime(), peerHold);
        int keepalive = hold == 0 ? 0 : Math.max(1, Math.min(c.keepaliveTime() == 0 ? hold / 3 : c.keepaliveTime(), hold / 3));

        Map<AddressFamily, Direction> ours = new HashMap<>();
        Capability.AddPath ourAddPath = sent.capability(Capability.AddPath.class);
        if (ourAddPath != null) {
            ourAddPath.entries().forEach(e -> ours.put(e.family(), e.direction()));
        }
        Set<AddressFamily> addPathReceive = new HashSet<>();
        Set<AddressFamily> addPathSend = new HashSet<>();
        Capability.AddPath theirAddPath = received.capability(Capability.AddPath.class);
        if (theirAddPath != null) {
            for (Capability.AddPath.Entry e : theirAddPath.entries()) {
                Direction mine = ours.get(e.family());
                if (mine == null || !families.contains(e.family())) {
                    continue;
                }
                if (mine.canReceive() && e.direction().canSend()) {
                    addPathReceive.add(e.family());
                }
                if (mine.canSend() && e.direction().canReceive()) {
                    addPathSend.add(e.family());
                }
            }
        }

        Set<AddressFamily> extendedNextHop = new HashSet<>();
        Capability.ExtendedNextHop ourEnh = sent.capability(Capability.ExtendedNextHop.class);
        Capability.ExtendedNextHop theirEnh = received.capability(Capability.ExtendedNextHop.class);
        if (ourEnh != null && theirEnh != null) {
            for (Capability.ExtendedNextHop.Entry e : ourEnh.entries()) {
                if (theirEnh.entries().contains(e) && families.contains(e.family())) {
                    extendedNextHop.add(e.family());
                }
            }
        }

        Capability.GracefulRestart peerGr = received.capability(Capability.GracefulRestart.class);
        boolean localGr = sent.capability(Capability.GracefulRestart.class) != null && peerGr != null;
        Negotiated n = new Negotiated(peerAs, received.bgpIdentifier(), ibgp, hold, keepalive, families,
                as4 != null && sent.capability(Capability.FourOctetAs.class) != null,
                addPathReceive, addPathSend,
                has(sent, Capability.RouteRefresh.class) && has(received, Capability.RouteRefresh.class),
                has(sent, Capability.EnhancedRouteRefresh.class) && has(received, Capability.EnhancedRouteRefresh.class),
                extendedNextHop,
                has(sent, Capability.ExtendedMessage.class) && has(received, Capability.ExtendedMessage.class),
                peerGr, localGr, sent, received);
        return new Outcome.Accepted(n);
    }

    private static boolean has(OpenMessage open, Class<? extends Capability> type) {
        return open.capability(type) != null;
    }

    private static Outcome reject(int code, int subcode, byte[] data, String reason) {
        return new Outcome.Rejected(new NotificationMessage(code, subcode, data), reason);
    }

    /** Families in a stable order (AFI, then SAFI) so OPENs are byte-for-byte reproducible. */
    private static List<AddressFamily> sorted(Set<AddressFamily> families) {
        List<AddressFamily> l = new ArrayList<>(families);
        l.sort((a, b) -> a.afi() != b.afi() ? Integer.compare(a.afi(), b.afi()) : Integer.compare(a.safi(), b.safi()));
        return l;
    }
}
