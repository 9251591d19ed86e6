package dev.podbgp.conf;

/**
 * IP TTL handling of a session's packets.
 */
public sealed interface TtlMode {

    /** TTL of the packets we send. */
    int outgoingTtl();

    /** Lowest TTL accepted on received packets; 0 when not checked. */
    int minIncomingTtl();

    /**
     * Send with TTL {@code hops}; received TTL not checked. 1 is a directly
     * connected eBGP peer (the default for eBGP), 255 the default for iBGP.
     */
    record Multihop(int hops) implements TtlMode {
        public Multihop {
            if (hops < 1 || hops > 255) {
                throw new IllegalArgumentException("hops " + hops);
            }
        }

        @Override
        public int outgoingTtl() {
            return hops;
        }

        @Override
        public int minIncomingTtl() {
            return 0;
        }
    }

    /**
     * Generalized TTL Security Mechanism (RFC 5082): send TTL 255 and drop
     * packets that crossed more than {@code hops} routers' worth of TTL.
     */
    record Gtsm(int hops) implements TtlMode {
        public Gtsm {
            if (hops < 1 || hops > 254) {
                throw new IllegalArgumentException("hops " + hops);
            }
        }

        @Override
        public int outgoingTtl() {
            return 255;
        }

        @Override
        public int minIncomingTtl() {
            return 256 - hops;
        }
    }
}
