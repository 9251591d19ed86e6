package dev.podbgp.daemon.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simplest {@link SnapshotSource}: owners replace whole snapshots, readers
 * take whichever was published last. The session owner publishes status, the
 * RIB owner publishes routes (with the FIB's installed flags merged in).
 */
public final class PublishedSnapshots implements SnapshotSource {
    private final AtomicReference<StatusSnapshot> status;
    private final AtomicReference<List<RouteSnapshot>> routes = new AtomicReference<>(List.of());

    public PublishedSnapshots(StatusSnapshot initial) {
        status = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public void publishStatus(StatusSnapshot snapshot) {
        status.set(Objects.requireNonNull(snapshot, "snapshot"));
    }

    public void publishRoutes(List<RouteSnapshot> snapshot) {
        routes.set(List.copyOf(snapshot));
    }

    @Override
    public StatusSnapshot status() {
        return status.get();
    }

    @Override
    public List<RouteSnapshot> routes() {
        return routes.get();
    }
}
