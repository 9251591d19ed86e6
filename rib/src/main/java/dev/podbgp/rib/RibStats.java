package dev.podbgp.rib;

/** Sizes of the RIB: paths over all peers, prefixes, and distinct attribute sets interned (received and effective sets, plus exported ones: one per source set and export recipe). */
public record RibStats(long paths, long prefixes, long attributeSets) {
}
