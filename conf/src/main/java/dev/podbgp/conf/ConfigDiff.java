package dev.podbgp.conf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a reload changes, session by session (by name), so the daemon touches
 * only what changed and leaves every other session Established.
 *
 * @param added            sessions only in the new configuration
 * @param removed          sessions only in the old one
 * @param changed          sessions in both whose settings differ
 * @param unchanged        names of sessions that are identical: leave them alone
 * @param changedSections  top-level sections other than peers that differ (e.g. "node", "kernel");
 *                         changes to node, listen, ecmp, kernel or tunnel need a restart to take effect
 */
public record ConfigDiff(List<Peer> added, List<Peer> removed, List<PeerChange> changed, Set<String> unchanged,
                         Set<String> changedSections) {
    public ConfigDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        unchanged = Set.copyOf(unchanged);
        changedSections = Set.copyOf(changedSections);
    }

    /** One session present in both configurations with different settings. */
    public record PeerChange(Peer before, Peer after) {
        public PeerChange {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        public String name() {
            return after.name();
        }

        /** Names of what differs, e.g. {@code [address, timers]} or {@code [importPolicy]}. */
        public Set<String> changedFields() {
            Set<String> out = new LinkedHashSet<>();
            if (!before.address().equals(after.address())) {
                out.add("address");
            }
            if (before.kind() != after.kind()) {
                out.add("kind");
            }
            PeerSettings a = before.settings();
            PeerSettings b = after.settings();
            field(out, "asn", a.asn(), b.asn());
            field(out, "port", a.port(), b.port());
            field(out, "passive", a.passive(), b.passive());
            field(out, "enabled", a.enabled(), b.enabled());
            field(out, "sourceAddress", a.sourceAddress(), b.sourceAddress());
            field(out, "passwordFile", a.passwordFile(), b.passwordFile());
            field(out, "timers", a.timers(), b.timers());
            field(out, "gracefulRestart", a.gracefulRestart(), b.gracefulRestart());
            field(out, "ttl", a.ttl(), b.ttl());
            field(out, "maxPrefixes", a.maxPrefixes(), b.maxPrefixes());
            field(out, "routeReflectorClient", a.routeReflectorClient(), b.routeReflectorClient());
            field(out, "nextHopSelf", a.nextHopSelf(), b.nextHopSelf());
            field(out, "families", a.families(), b.families());
            field(out, "importPolicy", a.importPolicy(), b.importPolicy());
            field(out, "exportPolicy", a.exportPolicy(), b.exportPolicy());
            return out;
        }

        /**
         * Whether the session must be reset. Policies and the prefix limit apply
         * to a running session (re-evaluate Adj-RIB-In, re-advertise, recount);
         * enabled starts or stops it. Everything else is negotiated in OPEN or
         * fixed on the socket and needs a new connection.
         */
        public boolean resetRequired() {
            Set<String> fields = new LinkedHashSet<>(changedFields());
            fields.removeAll(Set.of("importPolicy", "exportPolicy", "maxPrefixes", "enabled"));
            return !fields.isEmpty();
        }

        private static void field(Set<String> out, String name, Object a, Object b) {
            if (!a.equals(b)) {
                out.add(name);
            }
        }
    }

    /** Compares every session ({@link PodbgpConfig#sessions()}) and the other sections. */
    public static ConfigDiff between(PodbgpConfig before, PodbgpConfig after) {
        Map<String, Peer> old = byName(before.sessions());
        Map<String, Peer> now = byName(after.sessions());
        List<Peer> added = new ArrayList<>();
        List<Peer> removed = new ArrayList<>();
        List<PeerChange> changed = new ArrayList<>();
        Set<String> unchanged = new LinkedHashSet<>();
        for (Peer p : now.values()) {
            Peer o = old.get(p.name());
            if (o == null) {
                added.add(p);
            } else if (o.equals(p)) {
                unchanged.add(p.name());
            } else {
                changed.add(new PeerChange(o, p));
            }
        }
        for (Peer o : old.values()) {
            if (!now.containsKey(o.name())) {
                removed.add(o);
            }
        }
        Set<String> sections = new LinkedHashSet<>();
        section(sections, "node", before.node(), after.node());
        section(sections, "listen", before.listen(), after.listen());
        section(sections, "timers", before.timers(), after.timers());
        section(sections, "gracefulRestart", before.gracefulRestart(), after.gracefulRestart());
        section(sections, "ecmp", before.ecmp(), after.ecmp());
        section(sections, "kernel", before.kernel(), after.kernel());
        section(sections, "tunnel", before.tunnel(), after.tunnel());
        section(sections, "cluster", before.cluster(), after.cluster());
        section(sections, "peerRanges", before.peerRanges(), after.peerRanges());
        section(sections, "control", before.control(), after.control());
        section(sections, "metrics", before.metrics(), after.metrics());
        return new ConfigDiff(added, removed, changed, unchanged, sections);
    }

    /** True when the reload changes nothing at all. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && changedSections.isEmpty();
    }

    private static Map<String, Peer> byName(List<Peer> peers) {
        Map<String, Peer> out = new LinkedHashMap<>();
        for (Peer p : peers) {
            out.put(p.name(), p);
        }
        return out;
    }

    private static void section(Set<String> out, String name, Object a, Object b) {
        if (!a.equals(b)) {
            out.add(name);
        }
    }
}
