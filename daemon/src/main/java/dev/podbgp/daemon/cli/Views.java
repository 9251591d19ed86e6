package dev.podbgp.daemon.cli;

import dev.podbgp.daemon.control.PeerCommandResult;
import dev.podbgp.daemon.control.ReloadResult;
import dev.podbgp.daemon.snapshot.PathSnapshot;
import dev.podbgp.daemon.snapshot.PeerStatus;
import dev.podbgp.daemon.snapshot.RouteSnapshot;
import dev.podbgp.daemon.snapshot.StatusSnapshot;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** How the client prints each answer as text for a person. */
final class Views {
    private Views() {
    }

    static String status(StatusSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("router ID ").append(s.routerId()).append(", AS ").append(s.asn()).append('\n');
        if (s.peers().isEmpty()) {
            return out.append("no peers configured\n").toString();
        }
        Table t = new Table("NAME", "ADDRESS", "ASN", "STATE", "SINCE", "RECEIVED", "ACCEPTED", "ADVERTISED",
                "LAST ERROR").rightAlign(2, 5, 6, 7);
        for (PeerStatus p : s.peers()) {
            t.row(p.name(), p.address(), p.asn(), p.state().display(), since(p.since()), p.received(), p.accepted(),
                    p.advertised(), p.lastError());
        }
        return out.append('\n').append(t.render()).toString();
    }

    /**
     * One line per path; the prefix and its kernel state on its first line.
     * Flags as in routers' show commands: {@code *>} best, {@code *=} multipath, {@code *} other valid path.
     */
    static String routes(List<RouteSnapshot> routes) {
        if (routes.isEmpty()) {
            return "no routes\n";
        }
        Table t = new Table("PREFIX", "", "NEXT HOP", "PEER", "AS PATH", "LOCAL PREF", "MED", "ORIGIN",
                "COMMUNITIES", "KERNEL").rightAlign(5, 6);
        int paths = 0;
        for (RouteSnapshot r : routes) {
            boolean first = true;
            for (PathSnapshot p : r.paths()) {
                t.row(first ? r.prefix() : "", flags(p), p.nextHop(), p.peer(), p.asPath(), p.localPref(), p.med(),
                        p.origin(), String.join(" ", p.communities()),
                        first ? kernel(r) : "");
                first = false;
                paths++;
            }
            if (first) {
                t.row(r.prefix(), "", "", "", "", null, null, "", "", kernel(r));
            }
        }
        return t.render() + "\n" + routes.size() + (routes.size() == 1 ? " prefix, " : " prefixes, ") + paths
                + (paths == 1 ? " path\n" : " paths\n");
    }

    /** Our own pod CIDR is the node's connected subnet: BGP installs nothing for it, and that is right. */
    private static String kernel(RouteSnapshot r) {
        if (r.installed()) {
            return "installed";
        }
        boolean own = !r.paths().isEmpty() && r.paths().get(0).best() && r.paths().get(0).peer().equals("local");
        return own ? "own (connected)" : "not installed";
    }

    static String peer(PeerCommandResult r) {
        return "peer " + r.peer() + ": " + r.action().wireName() + " requested\n";
    }

    static String reload(ReloadResult r) {
        if (r.isEmpty()) {
            return "reloaded: no session added, removed or changed\n";
        }
        StringBuilder out = new StringBuilder("reloaded:\n");
        names(out, "added", r.added());
        names(out, "removed", r.removed());
        names(out, "changed", r.changed());
        return out.toString();
    }

    private static void names(StringBuilder out, String what, List<String> names) {
        if (!names.isEmpty()) {
            out.append("  ").append(what).append(": ").append(String.join(", ", names)).append('\n');
        }
    }

    private static String flags(PathSnapshot p) {
        return p.best() ? "*>" : p.multipath() ? "*=" : "*";
    }

    private static String since(Instant since) {
        return since.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
