package dev.podbgp.rib.out;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.MpReach;
import dev.podbgp.bgp.wire.MpUnreach;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * What the RIB wants sent to one peer for one family after a coalescing
 * window: withdrawals, announcements grouped by attribute set, and whether an
 * End-of-RIB marker follows (after the initial table dump). {@code refresh}
 * marks the complete re-send answering the peer's ROUTE-REFRESH: a session
 * that negotiated enhanced route refresh (RFC 7313) sends it between a
 * Beginning-of-RIB-Refresh and an End-of-RIB-Refresh.
 *
 * <p>Send the withdrawals first, then the announcements, then End-of-RIB.
 * {@link #toMessages()} gives one {@link UpdateMessage} per group without any
 * size limit; the session's packer splits them to the negotiated maximum.
 */
public record PeerUpdate(AddressFamily family, List<Prefix> withdrawn, List<Announcement> announced,
                         boolean endOfRib, boolean refresh) {
    public PeerUpdate {
        withdrawn = List.copyOf(withdrawn);
        announced = List.copyOf(announced);
    }

    /** Number of prefixes announced, over all groups. */
    public int announcedCount() {
        int n = 0;
        for (Announcement a : announced) {
            n += a.prefixes().size();
        }
        return n;
    }

    /** The update as UPDATE values: withdrawals, one per announcement group, then End-of-RIB. Unsplit. */
    public List<UpdateMessage> toMessages() {
        List<UpdateMessage> out = new ArrayList<>(announced.size() + 2);
        boolean v4 = family.equals(AddressFamily.IPV4_UNICAST);
        if (!withdrawn.isEmpty()) {
            out.add(v4 ? new UpdateMessage(withdrawn, PathAttributes.NONE, List.of(), null, null)
                    : new UpdateMessage(List.of(), PathAttributes.NONE, List.of(), null, new MpUnreach(family, withdrawn)));
        }
        for (Announcement a : announced) {
            if (v4 && a.nextHop() instanceof Inet4Address nh) {
                out.add(new UpdateMessage(List.of(), a.attributes().withNextHop(nh), a.prefixes(), null, null));
            } else {
                out.add(new UpdateMessage(List.of(), a.attributes().withNextHop(null), List.of(),
                        new MpReach(family, a.nextHop(), a.linkLocalNextHop(), a.prefixes()), null));
            }
        }
        if (endOfRib) {
            out.add(UpdateMessage.endOfRib(family));
        }
        return out;
    }

    /** Whether the update carries nothing at all. */
    public boolean isEmpty() {
        return withdrawn.isEmpty() && announced.isEmpty() && !endOfRib && !refresh;
    }
}
