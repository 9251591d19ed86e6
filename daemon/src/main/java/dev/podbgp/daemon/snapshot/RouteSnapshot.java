package dev.podbgp.daemon.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * One Loc-RIB entry.
 *
 * @param prefix    CIDR text, e.g. {@code 10.244.2.0/24}
 * @param paths     every path known for the prefix, best first
 * @param installed whether the FIB holds the prefix's kernel route
 */
public record RouteSnapshot(String prefix, List<PathSnapshot> paths, boolean installed) {
    public RouteSnapshot {
        Objects.requireNonNull(prefix, "prefix");
        paths = List.copyOf(paths);
    }
}
