package dev.podbgp.bgp.wire;

import java.util.Arrays;

/** CLUSTER_LIST (RFC 4456): cluster IDs, most recent first. Immutable. */
public final class ClusterList {
    public static final ClusterList EMPTY = new ClusterList(new int[0]);

    private final int[] ids;

    private ClusterList(int[] ids) {
        this.ids = ids;
    }

    public static ClusterList of(int... ids) {
        return ids.length == 0 ? EMPTY : new ClusterList(ids.clone());
    }

    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    public int get(int i) {
        return ids[i];
    }

    public int[] toArray() {
        return ids.clone();
    }

    public boolean contains(int clusterId) {
        for (int id : ids) {
            if (id == clusterId) {
                return true;
            }
        }
        return false;
    }

    /** The list a reflector sends: its own cluster ID in front (RFC 4456 §8). */
    public ClusterList prepend(int clusterId) {
        int[] out = new int[ids.length + 1];
        out[0] = clusterId;
        System.arraycopy(ids, 0, out, 1, ids.length);
        return new ClusterList(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterList c && Arrays.equals(c.ids, ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Ipv4.format(id));
        }
        return sb.toString();
    }
}
