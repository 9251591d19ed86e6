package dev.podbgp.conf;

/** Where a session comes from in the configuration. */
public enum PeerKind {
    /** Another node of the cluster ({@code cluster.nodes}). */
    CLUSTER,
    /** An entry of {@code peers}, e.g. a top-of-rack switch. */
    EXTERNAL,
    /** Created when a neighbour in one of {@code peerRanges} connects. */
    DYNAMIC
}
