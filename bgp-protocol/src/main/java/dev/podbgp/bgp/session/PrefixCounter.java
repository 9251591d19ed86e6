package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The prefixes (with their ADD-PATH path ids) a peer has announced and not
 * withdrawn, per family: what the maximum prefix limit counts. Session thread only.
 */
final class PrefixCounter {
    private final Map<AddressFamily, Set<Prefix>> live = new HashMap<>();
    private long total;

    /** Applies an UPDATE; returns the family now over {@code limit}, or null. */
    AddressFamily apply(UpdateMessage u, long limit) {
        for (Prefix p : u.withdrawn()) {
            remove(p);
        }
        if (u.mpUnreach() != null) {
            for (Prefix p : u.mpUnreach().withdrawn()) {
                remove(p);
            }
        }
        AddressFamily over = null;
        for (Prefix p : u.nlri()) {
            over = add(p, limit, over);
        }
        if (u.mpReach() != null) {
            for (Prefix p : u.mpReach().nlri()) {
                over = add(p, limit, over);
            }
        }
        return over;
    }

    private AddressFamily add(Prefix p, long limit, AddressFamily over) {
        Set<Prefix> s = live.computeIfAbsent(p.family(), f -> new HashSet<>());
        if (s.add(p)) {
            total++;
        }
        return over == null && s.size() > limit ? p.family() : over;
    }

    private void remove(Prefix p) {
        Set<Prefix> s = live.get(p.family());
        if (s != null && s.remove(p)) {
            total--;
        }
    }

    long total() {
        return total;
    }

    void clear() {
        live.clear();
        total = 0;
    }
}
