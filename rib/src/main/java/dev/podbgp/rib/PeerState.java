package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.rib.policy.Policy;
import dev.podbgp.rib.route.Attrs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The RIB's book-keeping for one peer. RIB thread only. */
final class PeerState {
    static final int WALK_DIFF = 1;
    static final int WALK_RESEND = 2;
    static final int WALK_EOR = 4;

    final int index;
    final PeerId id;
    PeerConfig config = PeerConfig.DEFAULT;
    boolean configured;
    PeerInfo info;
    boolean up;
    boolean ebgp;
    Policy importPolicy;
    Policy exportPolicy;

    /** Families whose paths from this peer are stale (graceful restart helper). */
    final Set<AddressFamily> staleFamilies = new HashSet<>();
    RibScheduler.Cancellable restartTimer;
    RibScheduler.Cancellable staleTimer;
    final Set<AddressFamily> eorReceived = new HashSet<>();
    /** Whole-table work pending at the next flush, per family (WALK_* bits). */
    final Map<AddressFamily, Integer> walks = new HashMap<>();

    // One-entry caches: the prefixes of one UPDATE share their attributes.
    Attrs preRaw;
    PathAttributes preResult;
    boolean preRejected;
    Attrs impRaw;
    int impTerm;
    Attrs impEff;
    boolean impValid;
    Attrs expSrc;
    int expSrcPeer;
    int expTerm;
    AddressFamily expFamily;
    Attrs expOut;

    PeerState(int index, PeerId id) {
        this.index = index;
        this.id = id;
    }

    boolean negotiated(AddressFamily f) {
        return up && info.capabilities().families().contains(f);
    }

    boolean addPathSend(AddressFamily f) {
        return info.capabilities().addPathSend().contains(f);
    }

    /** Paths this peer's import policy rejects are kept only when we could not ask for them again. */
    boolean keepsRejected() {
        return info == null || !info.capabilities().routeRefresh();
    }

    void walk(AddressFamily f, int bits) {
        walks.merge(f, bits, (a, b) -> a | b);
    }

    @Override
    public String toString() {
        return id.name() + (info == null ? "" : " (" + info + ")");
    }
}
