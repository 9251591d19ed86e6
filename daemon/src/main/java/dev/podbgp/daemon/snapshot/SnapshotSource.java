package dev.podbgp.daemon.snapshot;

import java.util.List;

/**
 * Where the control API reads the daemon's state. Implementations hand out
 * immutable snapshots that the owning threads published; reading one never
 * blocks or touches the owner's data (design.md, "Threads and ownership").
 */
public interface SnapshotSource {

    StatusSnapshot status();

    /** The Loc-RIB, sorted by prefix. */
    List<RouteSnapshot> routes();
}
