package dev.podbgp.daemon.snapshot;

import java.util.List;

/**
 * Where the control API reads the daemon's state. Implementations hand out
 * immutable snapshots; status is what the owning threads published, so reading
 * it never blocks or touches the owner's data (design.md, "Threads and
 * ownership"). Routes are copied out by the RIB's own thread when asked for,
 * with a bounded wait.
 */
public interface SnapshotSource {

    StatusSnapshot status();

    /**
     * The Loc-RIB, sorted by prefix.
     *
     * @throws RoutesUnavailable when the RIB did not hand them over in time
     */
    List<RouteSnapshot> routes();
}
