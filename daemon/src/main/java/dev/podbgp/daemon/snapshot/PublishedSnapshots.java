package dev.podbgp.daemon.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The simplest {@link SnapshotSource}: owners replace whole snapshots, readers
 * take whichever was published last. The session owner publishes status.
 * Routes are either published the same way or, in the daemon, read on demand
 * from the RIB ({@link #routesFrom}): a full table is too large to copy after
 * every change.
 */
public final class PublishedSnapshots implements SnapshotSource {
    private final AtomicReference<StatusSnapshot> status;
    private volatile Runnable beforeStatus = () -> { };
    private final AtomicReference<Supplier<List<RouteSnapshot>>> routes = new AtomicReference<>(List::of);

    public PublishedSnapshots(StatusSnapshot initial) {
        status = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public void publishStatus(StatusSnapshot snapshot) {
        status.set(Objects.requireNonNull(snapshot, "snapshot"));
    }

    public void publishRoutes(List<RouteSnapshot> snapshot) {
        List<RouteSnapshot> copy = List.copyOf(snapshot);
        routes.set(() -> copy);
    }

    /** Routes are built by {@code source} whenever they are asked for; it may throw {@link RoutesUnavailable}. */
    public void routesFrom(Supplier<List<RouteSnapshot>> source) {
        routes.set(Objects.requireNonNull(source, "source"));
    }

    /**
     * Runs {@code refresh} on every {@link #status()} request before the last published snapshot is
     * handed out: the owner republishes with fresh figures, within a bounded wait of its own.
     */
    public void beforeStatus(Runnable refresh) {
        beforeStatus = Objects.requireNonNull(refresh, "refresh");
    }

    @Override
    public StatusSnapshot status() {
        beforeStatus.run();
        return status.get();
    }

    @Override
    public List<RouteSnapshot> routes() {
        return routes.get().get();
    }
}
