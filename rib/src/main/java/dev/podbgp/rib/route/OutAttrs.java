package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.PathAttributes;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An attribute set as advertised to peers: a path's effective {@link Attrs}
 * and the {@link ExportRecipe} that turns them into what is sent. Kept in
 * the Adj-RIB-Out instead of the exported attributes themselves: a full
 * table exported to a peer would otherwise hold a second copy of every
 * attribute set (AS path with our AS in front, and so on); this is 24 bytes.
 * The attributes are made when UPDATEs are built. Interned by source and
 * recipe ({@link AttrsInterner#acquire(Attrs, ExportRecipe)}), so identity
 * means equal derivation; two derivations may still give equal attributes,
 * which {@link #sameContent} tells.
 */
public final class OutAttrs {
    Attrs source;
    ExportRecipe recipe;
    /** References from Adj-RIB-Out slots and caches; the interner forgets the set at zero. */
    int refs;

    OutAttrs(Attrs source, ExportRecipe recipe) {
        set(source, recipe);
    }

    /** The interner's lookup probe, aimed with {@link #set} before each use. */
    OutAttrs() {
    }

    /** Re-aims a lookup probe (the interner's own instance only). */
    void set(Attrs source, ExportRecipe recipe) {
        this.source = source;
        this.recipe = recipe;
    }

    public ExportRecipe recipe() {
        return recipe;
    }

    /** The attributes sent, without NEXT_HOP; made on each call. */
    public PathAttributes attributes() {
        return recipe.apply(source);
    }

    public InetAddress nextHop() {
        return recipe.nextHop(source);
    }

    /**
     * Whether both send the same attributes and next hop: true for the same instance, and false without
     * building anything when the next hops, ORIGINs or AS paths tell them apart (see
     * {@link ExportRecipe#sameAsPathRewrite}); only then are both sets of attributes made and compared.
     * When the best path moves between peers, this runs for every prefix and peer, and the sets built
     * for it were a large share of all allocation.
     */
    public boolean sameContent(OutAttrs o) {
        if (o == this) {
            return true;
        }
        if (!Objects.equals(nextHop(), o.nextHop()) || source.origin() != o.source.origin()) {
            return false;
        }
        if (recipe.sameAsPathRewrite(o.recipe) && !source.sameAsPath(o.source)) {
            return false;
        }
        return attributes().equals(o.attributes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutAttrs a && a.source == source && a.recipe.equals(recipe);
    }

    @Override
    public int hashCode() {
        // Both parts cache their hash; not keeping a third copy here makes this 24 bytes.
        return source.hashCode() * 31 + recipe.hashCode();
    }

    @Override
    public String toString() {
        return "OutAttrs[" + recipe + " of " + source + "]";
    }
}
