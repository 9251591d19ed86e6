package dev.podbgp.rib.decision;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Per peer index, what the decision process compares: eBGP or not, the BGP
 * identifier and the peer address. Index 0 is local origination. Kept in
 * arrays so the decision reads no maps.
 */
public final class PeerKeys {
    private boolean[] ebgp = new boolean[8];
    private int[] routerId = new int[8];
    private byte[][] address = new byte[8][];

    public void set(int peer, boolean isEbgp, int bgpIdentifier, InetAddress peerAddress) {
        if (peer >= ebgp.length) {
            int n = Math.max(peer + 1, ebgp.length * 2);
            ebgp = Arrays.copyOf(ebgp, n);
            routerId = Arrays.copyOf(routerId, n);
            address = Arrays.copyOf(address, n);
        }
        ebgp[peer] = isEbgp;
        routerId[peer] = bgpIdentifier;
        address[peer] = peerAddress == null ? new byte[0] : peerAddress.getAddress();
    }

    public boolean ebgp(int peer) {
        return peer < ebgp.length && ebgp[peer];
    }

    public int routerId(int peer) {
        return peer < routerId.length ? routerId[peer] : 0;
    }

    /** Compares peer addresses as unsigned numbers; IPv4 sorts before IPv6, a missing address first. */
    public int compareAddress(int a, int b) {
        byte[] x = a < address.length && address[a] != null ? address[a] : new byte[0];
        byte[] y = b < address.length && address[b] != null ? address[b] : new byte[0];
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return Arrays.compareUnsigned(x, y);
    }
}
