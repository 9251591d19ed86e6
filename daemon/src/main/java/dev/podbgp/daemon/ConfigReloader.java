package dev.podbgp.daemon;

import dev.podbgp.conf.ConfigDiff;
import dev.podbgp.conf.ConfigException;
import dev.podbgp.conf.ConfigLoader;
import dev.podbgp.conf.Peer;
import dev.podbgp.conf.PodbgpConfig;
import dev.podbgp.daemon.control.ReloadException;
import dev.podbgp.daemon.control.ReloadResult;
import dev.podbgp.daemon.control.Reloader;
import dev.podbgp.daemon.systemd.SystemdNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * {@code reload} and SIGHUP: re-read the file, refuse it whole when it has any
 * error (the running configuration stays), else hand the difference to the
 * routing core and tell the peer registry (metrics, readiness) what changed.
 */
public final class ConfigReloader implements Reloader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);
    /** Sections the running daemon does not re-apply; a change there takes effect on restart. */
    private static final Set<String> NEED_RESTART = Set.of("node", "listen", "ecmp", "kernel", "control", "metrics");

    private final Path file;
    private final ConfigLoader loader;
    private final Routing routing;
    private final PeerRegistry registry;
    private final SystemdNotifier notifier;
    private PodbgpConfig current;

    public ConfigReloader(Path file, ConfigLoader loader, PodbgpConfig current, Routing routing,
                          PeerRegistry registry, SystemdNotifier notifier) {
        this.file = Objects.requireNonNull(file, "file");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.current = Objects.requireNonNull(current, "current");
        this.routing = Objects.requireNonNull(routing, "routing");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    public synchronized PodbgpConfig current() {
        return current;
    }

    @Override
    public synchronized ReloadResult reload() throws ReloadException {
        notifier.reloading();
        try {
            ReloadResult result = apply();
            notifier.ready("running; reloaded " + file);
            return result;
        } catch (ReloadException e) {
            notifier.ready("running; last reload refused: " + e.getMessage().lines().findFirst().orElse(""));
            throw e;
        }
    }

    private ReloadResult apply() throws ReloadException {
        PodbgpConfig next;
        try {
            next = loader.load(file);
        } catch (ConfigException e) {
            LOG.error("reload of {} refused, keeping the running configuration:\n{}", file, e.getMessage());
            throw new ReloadException("configuration " + file + " has errors; keeping the running one:\n"
                    + e.getMessage(), e);
        }
        ConfigDiff diff = ConfigDiff.between(current, next);
        diff.changedSections().stream().filter(NEED_RESTART::contains).forEach(section ->
                LOG.warn("reload: section {} changed; it takes effect when podbgpd restarts", section));
        routing.apply(next, diff);
        diff.removed().forEach(p -> registry.removed(p.name()));
        diff.added().forEach(registry::configured);
        diff.changed().forEach(registry::changed);
        current = next;
        ReloadResult result = new ReloadResult(diff.added().stream().map(Peer::name).toList(),
                diff.removed().stream().map(Peer::name).toList(),
                diff.changed().stream().map(ConfigDiff.PeerChange::name).toList());
        LOG.info("reloaded {}: added {}, removed {}, changed {}, unchanged {}", file, result.added(),
                result.removed(), result.changed(), diff.unchanged().size());
        return result;
    }
}
