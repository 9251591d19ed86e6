package dev.podbgp.rib;

import dev.podbgp.bgp.wire.Ipv4;

/**
 * Settings of the RIB as a whole.
 *
 * @param localAs our AS number (unsigned 32-bit)
 * @param routerId our BGP identifier
 * @param clusterId route-reflection cluster ID (commonly the router ID)
 * @param maxPaths largest multipath (ECMP) set, 1..64; 1 turns multipath off
 * @param multipathRelax as-path multipath relax: equal-length AS_PATHs may share a multipath set
 * @param alwaysCompareMed compare MED between paths from different neighbouring ASes
 * @param updateDelayMillis coalescing window for outbound UPDATEs (0: send after every input batch); it ends
 *        early when the RIB runs out of input ({@link Rib#idle}) or holds {@code Rib.EXPORT_BATCH} changed
 *        prefixes
 * @param restarting we are the restarting speaker of a graceful restart: defer output until
 *                   End-of-RIB from every configured peer, or {@code selectionDeferralMillis}
 * @param selectionDeferralMillis longest wait for End-of-RIB when restarting
 * @param staleRoutesMillis longest time a restarted peer's stale routes wait for its End-of-RIB
 */
public record RibConfig(long localAs, int routerId, int clusterId, int maxPaths, boolean multipathRelax,
                        boolean alwaysCompareMed, long updateDelayMillis, boolean restarting,
                        long selectionDeferralMillis, long staleRoutesMillis) {

    public static final int DEFAULT_MAX_PATHS = 16;

    public RibConfig {
        if (localAs < 1 || localAs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("local AS " + localAs + " is outside 1..4294967295");
        }
        if (routerId == 0) {
            throw new IllegalArgumentException("router ID 0.0.0.0 is not valid (RFC 6286)");
        }
        if (maxPaths < 1 || maxPaths > 64) {
            throw new IllegalArgumentException("maximum paths " + maxPaths + " is outside 1..64");
        }
        if (updateDelayMillis < 0 || selectionDeferralMillis < 0 || staleRoutesMillis < 0) {
            throw new IllegalArgumentException("RIB timers must not be negative (update delay " + updateDelayMillis
                    + " ms, selection deferral " + selectionDeferralMillis + " ms, stale routes " + staleRoutesMillis + " ms)");
        }
    }

    /** Defaults: cluster ID = router ID, 16 paths, no relax, 50 ms coalescing, not restarting, 120 s deferral, 360 s stale. */
    public static RibConfig of(long localAs, int routerId) {
        return new RibConfig(localAs, routerId, routerId, DEFAULT_MAX_PATHS, false, false, 50, false, 120_000, 360_000);
    }

    public RibConfig withMaxPaths(int n) {
        return new RibConfig(localAs, routerId, clusterId, n, multipathRelax, alwaysCompareMed, updateDelayMillis,
                restarting, selectionDeferralMillis, staleRoutesMillis);
    }

    public RibConfig withMultipathRelax(boolean v) {
        return new RibConfig(localAs, routerId, clusterId, maxPaths, v, alwaysCompareMed, updateDelayMillis,
                restarting, selectionDeferralMillis, staleRoutesMillis);
    }

    public RibConfig withAlwaysCompareMed(boolean v) {
        return new RibConfig(localAs, routerId, clusterId, maxPaths, multipathRelax, v, updateDelayMillis,
                restarting, selectionDeferralMillis, staleRoutesMillis);
    }

    public RibConfig withUpdateDelayMillis(long v) {
        return new RibConfig(localAs, routerId, clusterId, maxPaths, multipathRelax, alwaysCompareMed, v,
                restarting, selectionDeferralMillis, staleRoutesMillis);
    }

    public RibConfig withRestarting(boolean v, long deferralMillis) {
        return new RibConfig(localAs, routerId, clusterId, maxPaths, multipathRelax, alwaysCompareMed,
                updateDelayMillis, v, deferralMillis, staleRoutesMillis);
    }

    public RibConfig withClusterId(int v) {
        return new RibConfig(localAs, routerId, v, maxPaths, multipathRelax, alwaysCompareMed, updateDelayMillis,
                restarting, selectionDeferralMillis, staleRoutesMillis);
    }

    public RibConfig withStaleRoutesMillis(long v) {
        return new RibConfig(localAs, routerId, clusterId, maxPaths, multipathRelax, alwaysCompareMed,
                updateDelayMillis, restarting, selectionDeferralMillis, v);
    }

    @Override
    public String toString() {
        return "RibConfig[AS" + localAs + ", id " + Ipv4.format(routerId) + ", cluster " + Ipv4.format(clusterId)
                + ", maxPaths " + maxPaths + "]";
    }
}
