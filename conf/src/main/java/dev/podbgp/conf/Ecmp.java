package dev.podbgp.conf;

/**
 * Multipath.
 *
 * @param maxPaths    most next hops installed for one prefix; 1 turns ECMP off
 * @param asPathRelax paths with equal-length but different AS paths may be combined
 */
public record Ecmp(int maxPaths, boolean asPathRelax) {
    public static final int MAX_PATHS = 256;
    public static final Ecmp DEFAULT = new Ecmp(16, false);

    public Ecmp {
        if (maxPaths < 1 || maxPaths > MAX_PATHS) {
            throw new IllegalArgumentException("maxPaths " + maxPaths);
        }
    }
}
