package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.rib.policy.Policy;
import dev.podbgp.rib.policy.RouteSource;
import dev.podbgp.rib.route.Attrs;
import dev.podbgp.rib.route.ExportRecipe;
import dev.podbgp.rib.route.OutAttrs;

import java.util.HashSet;
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
    /** Sessions that came up before this one's (this one's included): the order of initial tables. */
    long upSequence;
    boolean ebgp;
    Policy importPolicy;
    Policy exportPolicy;
    /** The export policy rejects everything: a prefix this peer has nothing of needs no export to it. */
    boolean exportsNothing;

    /** Families whose paths from this peer are stale (graceful restart helper). */
    final Set<AddressFamily> staleFamilies = new HashSet<>();
    RibScheduler.Cancellable restartTimer;
    RibScheduler.Cancellable staleTimer;
    final Set<AddressFamily> eorReceived = new HashSet<>();
    /** Whole-table work pending at the next flush, per family index (WALK_* bits). */
    final int[] walks = new int[2];
    /** Per family index: negotiated, and ADD-PATH send agreed; set when the session comes up. */
    private final boolean[] families = new boolean[2];
    private final boolean[] addPath = new boolean[2];

    // One-entry caches: the prefixes of one UPDATE share their attributes.
    Attrs preRaw;
    PathAttributes preResult;
    boolean preRejected;
    Attrs impRaw;
    int impTerm;
    Attrs impEff;
    boolean impValid;
    /** The last FIB next hops made for this peer's paths (as best path, as multipath): records, shared. */
    NextHopEntry bestHop;
    NextHopEntry otherHop;
    ExportRecipe recipe;
    int recipeFamily;
    RouteSource recipeSource;
    boolean recipeReflected;
    int recipeOriginator;
    int recipeTerm;
    Attrs expSrc;
    OutAttrs expOut;
    /**
     * The last verdict of export's attribute checks towards this peer (loop, well-known communities,
     * reflection rules), which depend on the set and the source peer only, not on the prefix: the
     * set and source index it was made for, {@link Rib#peerEpoch} then, and the answer (source kind,
     * or null when the path must not go; reflected; originator).
     */
    Attrs verdictAttrs;
    int verdictSrc;
    long verdictEpoch = -1;
    dev.podbgp.rib.policy.RouteSource verdictSource;
    boolean verdictReflected;
    int verdictOriginator;

    PeerState(int index, PeerId id) {
        this.index = index;
        this.id = id;
    }

    /** IPv4 unicast is 0, IPv6 unicast 1; the RIB carries no other family. */
    static int index(AddressFamily f) {
        return f.afi() == AddressFamily.AFI_IPV4 ? 0 : 1;
    }

    static AddressFamily family(int index) {
        return index == 0 ? AddressFamily.IPV4_UNICAST : AddressFamily.IPV6_UNICAST;
    }

    /** Records the session's capabilities in the per-family flags. */
    void sessionUp(PeerInfo i) {
        info = i;
        up = true;
        for (int x = 0; x < 2; x++) {
            families[x] = i.capabilities().families().contains(family(x));
            addPath[x] = i.capabilities().addPathSend().contains(family(x));
            walks[x] = 0;
        }
    }

    boolean negotiated(int family) {
        return up && families[family];
    }

    boolean negotiated(AddressFamily f) {
        return f.isRouted() && negotiated(index(f));
    }

    boolean addPathSend(int family) {
        return addPath[family];
    }

    /** Paths this peer's import policy rejects are kept only when we could not ask for them again. */
    boolean keepsRejected() {
        return info == null || !info.capabilities().routeRefresh();
    }

    void walk(AddressFamily f, int bits) {
        walks[index(f)] |= bits;
    }

    boolean hasWalks() {
        return walks[0] != 0 || walks[1] != 0;
    }

    @Override
    public String toString() {
        return id.name() + (info == null ? "" : " (" + info + ")");
    }
}
