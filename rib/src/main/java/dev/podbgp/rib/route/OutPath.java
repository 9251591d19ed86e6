package dev.podbgp.rib.route;

/** One path advertised over ADD-PATH: our path identifier and the attributes sent with it. */
public record OutPath(int localId, OutAttrs attrs) {
}
