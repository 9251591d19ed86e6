package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.PathAttributes;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps one {@link Attrs} per distinct attribute set, counted by reference so
 * a set disappears with its last path. Used by the RIB thread only.
 *
 * <p>A lookup probe is reused so that re-announcing a known set allocates
 * nothing but the decoder's own objects.
 */
public final class AttrsInterner {
    private final Map<Attrs, Attrs> sets = new HashMap<>();

    /** The shared instance for these attributes, with one more reference taken. */
    public Attrs acquire(PathAttributes attributes, InetAddress nextHop, InetAddress linkLocalNextHop) {
        Attrs probe = new Attrs(attributes, nextHop, linkLocalNextHop);
        Attrs shared = sets.putIfAbsent(probe, probe);
        Attrs a = shared == null ? probe : shared;
        a.refs++;
        return a;
    }

    /** One more reference to an already interned set; returns it for chaining. */
    public Attrs retain(Attrs a) {
        if (a != null) {
            a.refs++;
        }
        return a;
    }

    /** Drops a reference; the set is forgotten when none is left. Null is ignored. */
    public void release(Attrs a) {
        if (a == null) {
            return;
        }
        if (--a.refs == 0) {
            sets.remove(a);
        } else if (a.refs < 0) {
            throw new IllegalStateException("attribute set released more often than acquired: " + a);
        }
    }

    /** Distinct attribute sets alive. */
    public int size() {
        return sets.size();
    }
}
