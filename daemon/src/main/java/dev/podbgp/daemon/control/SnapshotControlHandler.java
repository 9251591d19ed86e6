package dev.podbgp.daemon.control;

import dev.podbgp.daemon.snapshot.RouteSnapshot;
import dev.podbgp.daemon.snapshot.RoutesUnavailable;
import dev.podbgp.daemon.snapshot.SnapshotSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The control API as the daemon runs it: queries answered from published
 * snapshots, commands handed to the session owner and the reloader.
 */
public final class SnapshotControlHandler implements ControlHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotControlHandler.class);

    private final SnapshotSource snapshots;
    private final PeerControl peers;
    private final Reloader reloader;

    public SnapshotControlHandler(SnapshotSource snapshots, PeerControl peers, Reloader reloader) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.reloader = Objects.requireNonNull(reloader, "reloader");
    }

    @Override
    public ControlResponse handle(ControlRequest request) {
        try {
            return ControlResponse.success(answer(request));
        } catch (UnknownPeerException | ReloadException | IllegalArgumentException | RoutesUnavailable e) {
            return ControlResponse.failure(e.getMessage());
        } catch (RuntimeException e) {
            // A broken query must not take the daemon down; the operator sees it and the log keeps the trace.
            LOG.error("control request {} failed", request, e);
            return ControlResponse.failure("internal error while handling " + request + ": " + e);
        }
    }

    private Object answer(ControlRequest request) throws UnknownPeerException, ReloadException {
        if (request instanceof ControlRequest.Status) {
            return snapshots.status();
        } else if (request instanceof ControlRequest.Routes r) {
            return routes(r.prefix());
        } else if (request instanceof ControlRequest.PeerCommand p) {
            return peer(p);
        } else if (request instanceof ControlRequest.Reload) {
            ReloadResult result = reloader.reload();
            LOG.info("reload through the control API: added {}, removed {}, changed {}",
                    result.added(), result.removed(), result.changed());
            return result;
        }
        throw new AssertionError("unhandled control request " + request);
    }

    private List<RouteSnapshot> routes(String prefix) {
        List<RouteSnapshot> all = snapshots.routes();
        if (prefix == null) {
            return all;
        }
        return RouteQuery.parse(prefix).select(all);
    }

    private PeerCommandResult peer(ControlRequest.PeerCommand p) throws UnknownPeerException {
        Optional<String> message = Optional.ofNullable(p.message());
        switch (p.action()) {
            case ENABLE -> peers.enable(p.peer());
            case DISABLE -> peers.disable(p.peer(), message);
            case RESET -> peers.reset(p.peer(), message);
        }
        LOG.info("peer {}: {} requested through the control API{}", p.peer(), p.action().wireName(),
                message.map(m -> " (message \"" + m + "\")").orElse(""));
        return new PeerCommandResult(p.peer(), p.action());
    }
}
