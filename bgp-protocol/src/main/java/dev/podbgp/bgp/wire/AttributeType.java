package dev.podbgp.bgp.wire;

/** Path attribute type codes and flags (RFC 4271 §4.3 and the RFCs of each attribute). */
final class AttributeType {
    private AttributeType() {
    }

    static final int FLAG_OPTIONAL = 0x80;
    static final int FLAG_TRANSITIVE = 0x40;
    static final int FLAG_PARTIAL = 0x20;
    static final int FLAG_EXTENDED_LENGTH = 0x10;

    static final int ORIGIN = 1;
    static final int AS_PATH = 2;
    static final int NEXT_HOP = 3;
    static final int MULTI_EXIT_DISC = 4;
    static final int LOCAL_PREF = 5;
    static final int ATOMIC_AGGREGATE = 6;
    static final int AGGREGATOR = 7;
    static final int COMMUNITIES = 8;
    static final int ORIGINATOR_ID = 9;
    static final int CLUSTER_LIST = 10;
    static final int MP_REACH_NLRI = 14;
    static final int MP_UNREACH_NLRI = 15;
    static final int EXTENDED_COMMUNITIES = 16;
    static final int AS4_PATH = 17;
    static final int AS4_AGGREGATOR = 18;
    static final int LARGE_COMMUNITY = 32;

    /** Whether podbgp interprets this attribute type (others are unknown: kept or dropped by their flags). */
    static boolean isKnown(int type) {
        return (type >= ORIGIN && type <= CLUSTER_LIST) || (type >= MP_REACH_NLRI && type <= AS4_AGGREGATOR)
                || type == LARGE_COMMUNITY;
    }

    /** The Optional and Transitive bits an attribute must carry (RFC 4271 §5, RFC 4456, RFC 4760, ...). */
    static int expectedFlags(int type) {
        return switch (type) {
            case ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF, ATOMIC_AGGREGATE -> FLAG_TRANSITIVE;
            case MULTI_EXIT_DISC, ORIGINATOR_ID, CLUSTER_LIST, MP_REACH_NLRI, MP_UNREACH_NLRI -> FLAG_OPTIONAL;
            default -> FLAG_OPTIONAL | FLAG_TRANSITIVE;
        };
    }

    static String name(int type) {
        return switch (type) {
            case ORIGIN -> "ORIGIN";
            case AS_PATH -> "AS_PATH";
            case NEXT_HOP -> "NEXT_HOP";
            case MULTI_EXIT_DISC -> "MULTI_EXIT_DISC";
            case LOCAL_PREF -> "LOCAL_PREF";
            case ATOMIC_AGGREGATE -> "ATOMIC_AGGREGATE";
            case AGGREGATOR -> "AGGREGATOR";
            case COMMUNITIES -> "COMMUNITIES";
            case ORIGINATOR_ID -> "ORIGINATOR_ID";
            case CLUSTER_LIST -> "CLUSTER_LIST";
            case MP_REACH_NLRI -> "MP_REACH_NLRI";
            case MP_UNREACH_NLRI -> "MP_UNREACH_NLRI";
            case EXTENDED_COMMUNITIES -> "EXTENDED_COMMUNITIES";
            case AS4_PATH -> "AS4_PATH";
            case AS4_AGGREGATOR -> "AS4_AGGREGATOR";
            case LARGE_COMMUNITY -> "LARGE_COMMUNITY";
            default -> "attribute type " + type;
        };
    }
}
