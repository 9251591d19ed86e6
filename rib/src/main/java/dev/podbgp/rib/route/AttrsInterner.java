package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.PathAttributes;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps one {@link Attrs} per distinct received or effective attribute set
 * and one {@link OutAttrs} per distinct (set, export recipe), each counted by
 * reference so it disappears with its last user. Used by the RIB thread only.
 *
 * <p>An exported set holds a reference on its source set, so a set stays
 * while anything advertised was derived from it.
 *
 * <p>Next-hop addresses are shared too: the decoder makes a new address
 * object per UPDATE, so without this every set would keep its own (56
 * bytes, for an address most sets of a peer share).
 */
public final class AttrsInterner {
    private final InternTable<Attrs> sets = new InternTable<>();
    private final InternTable<OutAttrs> exported = new InternTable<>();
    private final OutAttrs outProbe = new OutAttrs();
    private final SetProbe setProbe = new SetProbe();
    private final Map<InetAddress, Hop> hops = new HashMap<>();

    /** One shared next-hop address and the number of uses by interned sets. */
    private static final class Hop {
        final InetAddress address;
        int uses;

        Hop(InetAddress address) {
            this.address = address;
        }
    }

    /** The shared instance for these attributes, with one more reference taken. */
    public Attrs acquire(PathAttributes attributes, InetAddress nextHop, InetAddress linkLocalNextHop) {
        // Looked up by value without a probe object: this runs once per UPDATE received, and the probe was
        // a tenth of all allocation in a ten-peer load.
        setProbe.attributes = attributes;
        setProbe.nextHop = nextHop;
        setProbe.linkLocal = linkLocalNextHop;
        int hash = Attrs.hash(attributes, nextHop, linkLocalNextHop);
        Attrs a = sets.find(hash, setProbe);
        setProbe.attributes = null;
        setProbe.nextHop = null;
        setProbe.linkLocal = null;
        if (a == null) {
            a = shareAddresses(attributes, nextHop, linkLocalNextHop, hash);
            sets.add(a);
        }
        a.refs++;
        return a;
    }

    /** What {@link #acquire} looks for; the interner's own instance, aimed before each lookup. */
    private static final class SetProbe implements InternTable.Probe<Attrs> {
        PathAttributes attributes;
        InetAddress nextHop;
        InetAddress linkLocal;

        @Override
        public boolean matches(Attrs member) {
            return member.holds(attributes, nextHop, linkLocal);
        }
    }

    /** A new set that uses the shared address objects (equal to the ones given, so the hash stays). */
    private Attrs shareAddresses(PathAttributes attributes, InetAddress nextHopIn, InetAddress linkLocalIn, int hash) {
        Inet4Address bodyHop = attributes.nextHop();
        InetAddress nextHop = useHop(nextHopIn);
        InetAddress linkLocal = useHop(linkLocalIn);
        if (bodyHop != null) {
            Inet4Address shared = (Inet4Address) useHop(bodyHop);
            attributes = attributes.withNextHop(shared);
        }
        return Attrs.of(attributes, nextHop, linkLocal, hash);
    }

    private InetAddress useHop(InetAddress address) {
        if (address == null) {
            return null;
        }
        Hop h = hops.computeIfAbsent(address, Hop::new);
        h.uses++;
        return h.address;
    }

    private void dropHop(InetAddress address) {
        if (address != null) {
            Hop h = hops.get(address);
            if (h != null && --h.uses == 0) {
                hops.remove(address);
            }
        }
    }

    /** The shared exported set for {@code source} sent by {@code recipe}, with one more reference taken. */
    public OutAttrs acquire(Attrs source, ExportRecipe recipe) {
        if (source.refs <= 0) {
            throw new IllegalStateException("attribute set not interned: " + source);
        }
        outProbe.set(source, recipe);
        OutAttrs o = exported.get(outProbe);
        outProbe.source = null;
        outProbe.recipe = null;
        if (o == null) {
            o = new OutAttrs(source, recipe);
            exported.add(o);
            source.refs++;
        }
        o.refs++;
        return o;
    }

    /** One more reference to an already interned set; returns it for chaining. */
    public Attrs retain(Attrs a) {
        if (a != null) {
            a.refs++;
        }
        return a;
    }

    /** One more reference to an already interned exported set; returns it for chaining. */
    public OutAttrs retain(OutAttrs o) {
        if (o != null) {
            o.refs++;
        }
        return o;
    }

    /** Drops a reference; the set is forgotten when none is left. Null is ignored. */
    public void release(Attrs a) {
        if (a == null) {
            return;
        }
        if (--a.refs == 0) {
            sets.remove(a);
            dropHop(a.nextHop());
            dropHop(a.linkLocalNextHop());
            dropHop(a.attributes().nextHop());
        } else if (a.refs < 0) {
            throw new IllegalStateException("attribute set released more often than acquired: " + a);
        }
    }

    /** Drops a reference to an exported set (and, with its last, the one it holds on its source). Null is ignored. */
    public void release(OutAttrs o) {
        if (o == null) {
            return;
        }
        if (--o.refs == 0) {
            exported.remove(o);
            release(o.source);
        } else if (o.refs < 0) {
            throw new IllegalStateException("exported attribute set released more often than acquired: " + o);
        }
    }

    /** Distinct attribute sets alive, received and effective. */
    public int size() {
        return sets.size();
    }

    /** Distinct next-hop addresses the interned sets use. */
    public int nextHops() {
        return hops.size();
    }

    /** Distinct exported sets alive (source and recipe pairs). */
    public int exportedSize() {
        return exported.size();
    }
}
