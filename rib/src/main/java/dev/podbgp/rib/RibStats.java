package dev.podbgp.rib;

/** Sizes of the RIB: paths over all peers, prefixes, and distinct attribute sets interned. */
public record RibStats(long paths, long prefixes, long attributeSets) {
}
