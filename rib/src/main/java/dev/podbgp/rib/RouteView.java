package dev.podbgp.rib;

import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;

import java.net.InetAddress;
import java.util.List;

/**
 * A snapshot of one prefix in the RIB: every path, best first, then the
 * multipaths, then the rest. For the control API and tests.
 */
public record RouteView(Prefix prefix, List<PathView> paths) {
    public RouteView {
        paths = List.copyOf(paths);
    }

    /** How the decision process treated a path. */
    public enum Selection { BEST, MULTIPATH, NONE }

    /**
     * One path.
     *
     * @param peer where it came from ({@link PeerId#LOCAL} for our own)
     * @param pathId received ADD-PATH identifier (0 without ADD-PATH)
     * @param received attributes as received (Adj-RIB-In)
     * @param effective attributes after import processing and policy, null when not eligible
     * @param nextHop the next hop
     * @param stale kept from a restarting peer
     * @param selection best, multipath or neither
     * @param reason for a path that is not selected: the decision step that removed it; null otherwise
     */
    public record PathView(PeerId peer, int pathId, PathAttributes received, PathAttributes effective,
                           InetAddress nextHop, boolean stale, Selection selection, String reason) {
    }

    /** The best path, or null when none is eligible. */
    public PathView best() {
        return !paths.isEmpty() && paths.get(0).selection() == Selection.BEST ? paths.get(0) : null;
    }

    /** The selected paths: best, then multipaths. */
    public List<PathView> selected() {
        return paths.stream().filter(p -> p.selection() != Selection.NONE).toList();
    }
}
