package dev.podbgp.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A capability of an OPEN message (RFC 5492). Those podbgp understands are
 * typed; any other is kept as bytes in {@link Unknown}.
 */
public sealed interface Capability {
    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int EXTENDED_NEXT_HOP = 5;
    int EXTENDED_MESSAGE = 6;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;
    int ADD_PATH = 69;
    int ENHANCED_ROUTE_REFRESH = 70;
    int LONG_LIVED_GRACEFUL_RESTART = 71;
    int FQDN = 73;

    /** The capability code. */
    int code();

    /** Multiprotocol extensions (RFC 4760). */
    record Multiprotocol(AddressFamily family) implements Capability {
        @Override
        public int code() {
            return MULTIPROTOCOL;
        }
    }

    /** Route refresh (RFC 2918). */
    record RouteRefresh() implements Capability {
        @Override
        public int code() {
            return ROUTE_REFRESH;
        }
    }

    /** Enhanced route refresh (RFC 7313). */
    record EnhancedRouteRefresh() implements Capability {
        @Override
        public int code() {
            return ENHANCED_ROUTE_REFRESH;
        }
    }

    /** Extended message (RFC 8654): messages up to 65535 bytes once both sides send it. */
    record ExtendedMessage() implements Capability {
        @Override
        public int code() {
            return EXTENDED_MESSAGE;
        }
    }

    /** Extended next hop encoding (RFC 8950): NLRI of {@code family} with next hops of {@code nextHopAfi}. */
    record ExtendedNextHop(List<Entry> entries) implements Capability {
        public ExtendedNextHop {
            entries = List.copyOf(entries);
        }

        /** One tuple: NLRI AFI/SAFI and the next-hop AFI (16-bit on the wire). */
        public record Entry(AddressFamily family, int nextHopAfi) {
        }

        @Override
        public int code() {
            return EXTENDED_NEXT_HOP;
        }
    }

    /** Graceful restart (RFC 4724, with the N bit of RFC 8538). */
    record GracefulRestart(boolean restartState, boolean notification, int restartTime, List<Entry> families)
            implements Capability {
        public GracefulRestart {
            if (restartTime < 0 || restartTime > 4095) {
                throw new IllegalArgumentException("graceful restart time " + restartTime + " is outside 0..4095 seconds");
            }
            families = List.copyOf(families);
        }

        /** A family the sender preserves state for; the F bit says forwarding state was kept. */
        public record Entry(AddressFamily family, boolean forwardingPreserved) {
        }

        @Override
        public int code() {
            return GRACEFUL_RESTART;
        }
    }

    /** Support for 4-octet AS numbers (RFC 6793), with the speaker's AS. */
    record FourOctetAs(int asn) implements Capability {
        @Override
        public int code() {
            return FOUR_OCTET_AS;
        }

        @Override
        public String toString() {
            return "FourOctetAs[asn=" + Integer.toUnsignedString(asn) + "]";
        }
    }

    /** ADD-PATH (RFC 7911): per family, whether the sender can receive, send or both. */
    record AddPath(List<Entry> entries) implements Capability {
        public AddPath {
            entries = List.copyOf(entries);
        }

        /** Send/receive bits of the wire: 1 receive, 2 send, 3 both. */
        public enum Direction {
            RECEIVE(1), SEND(2), BOTH(3);

            private final int code;

            Direction(int code) {
                this.code = code;
            }

            public int code() {
                return code;
            }

            public boolean canReceive() {
                return (code & 1) != 0;
            }

            public boolean canSend() {
                return (code & 2) != 0;
            }

            /** The direction of a wire value, or null for an invalid one. */
            public static Direction valueOf(int code) {
                return switch (code) {
                    case 1 -> RECEIVE;
                    case 2 -> SEND;
                    case 3 -> BOTH;
                    default -> null;
                };
            }
        }

        public record Entry(AddressFamily family, Direction direction) {
        }

        @Override
        public int code() {
            return ADD_PATH;
        }
    }

    /** Long-lived graceful restart (RFC 9494): per family the F bit and the long-lived stale time (24 bits, seconds). */
    record LongLivedGracefulRestart(List<Entry> entries) implements Capability {
        public LongLivedGracefulRestart {
            entries = List.copyOf(entries);
        }

        public record Entry(AddressFamily family, boolean forwardingPreserved, int staleTime) {
            public Entry {
                if (staleTime < 0 || staleTime > 0xFFFFFF) {
                    throw new IllegalArgumentException("LLGR stale time " + staleTime + " is outside 0..16777215 seconds");
                }
            }
        }

        @Override
        public int code() {
            return LONG_LIVED_GRACEFUL_RESTART;
        }
    }

    /** FQDN (draft-walton-bgp-hostname-capability): host and domain name, each at most 255 octets. */
    record Fqdn(String hostname, String domain) implements Capability {
        @Override
        public int code() {
            return FQDN;
        }
    }

    /** A capability podbgp does not interpret, kept byte for byte. */
    final class Unknown implements Capability {
        private final int code;
        private final byte[] value;

        public Unknown(int code, byte[] value) {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("capability code " + code + " is outside 0..255");
            }
            this.code = code;
            this.value = value.clone();
        }

        @Override
        public int code() {
            return code;
        }

        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.code == code && Arrays.equals(u.value, value);
        }

        @Override
        public int hashCode() {
            return code * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Unknown[code=" + code + ", value=" + HexFormat.of().formatHex(value) + "]";
        }
    }
}
