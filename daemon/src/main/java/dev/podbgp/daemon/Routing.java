package dev.podbgp.daemon;

import dev.podbgp.conf.ConfigDiff;
import dev.podbgp.conf.PodbgpConfig;
import dev.podbgp.daemon.control.PeerControl;
import dev.podbgp.daemon.control.ReloadException;
import dev.podbgp.daemon.snapshot.SnapshotSource;

/**
 * The seam to the BGP core: sessions, RIB and FIB wired together. The daemon
 * around it (lifecycle, control API, metrics, reload, signals) only talks to
 * this interface; {@link RoutingFactory} builds one from the configuration.
 *
 * <p>{@link #stop()} follows the configured shutdown: with graceful restart,
 * leave kernel routes in place and close sessions so peers keep our routes;
 * otherwise send Cease (administrative shutdown) and withdraw.
 */
public interface Routing extends Service {

    /** Published status and Loc-RIB, for the control API. */
    SnapshotSource snapshots();

    /** Operator actions on sessions: {@code podbgp peer enable|disable|reset}. */
    PeerControl peers();

    /**
     * Applies a reloaded configuration: add, remove or change the sessions in
     * {@code diff} and leave the unchanged ones alone. Called on one thread at
     * a time.
     *
     * @throws ReloadException when the change cannot be applied; what was
     *                         applied before the failure is said in the message
     */
    void apply(PodbgpConfig config, ConfigDiff diff) throws ReloadException;

    /** False once a component thread (RIB owner, FIB writer) has died: {@code /healthz} fails. */
    boolean healthy();
}
