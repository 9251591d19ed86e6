package dev.podbgp.bgp.wire;

import java.util.Arrays;

/** COMMUNITIES (RFC 1997): 32-bit values in the order received. Immutable. */
public final class Communities {
    public static final Communities EMPTY = new Communities(new int[0]);

    public static final int NO_EXPORT = 0xFFFFFF01;
    public static final int NO_ADVERTISE = 0xFFFFFF02;
    public static final int NO_EXPORT_SUBCONFED = 0xFFFFFF03;
    /** RFC 8326. */
    public static final int GRACEFUL_SHUTDOWN = 0xFFFF0000;
    /** RFC 9494. */
    public static final int LLGR_STALE = 0xFFFF0006;
    public static final int NO_LLGR = 0xFFFF0007;

    private final int[] values;

    private Communities(int[] values) {
        this.values = values;
    }

    public static Communities of(int... values) {
        return values.length == 0 ? EMPTY : new Communities(values.clone());
    }

    /** A community from its {@code ASN:value} halves. */
    public static int community(int high, int low) {
        return (high & 0xFFFF) << 16 | (low & 0xFFFF);
    }

    /** Parses {@code 65000:100} or a well-known name such as {@code no-export}. */
    public static int parse(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "no-export": return NO_EXPORT;
            case "no-advertise": return NO_ADVERTISE;
            case "no-export-subconfed": return NO_EXPORT_SUBCONFED;
            case "graceful-shutdown": return GRACEFUL_SHUTDOWN;
            case "llgr-stale": return LLGR_STALE;
            case "no-llgr": return NO_LLGR;
            default: break;
        }
        int colon = text.indexOf(':');
        try {
            if (colon > 0) {
                int high = Integer.parseInt(text.substring(0, colon));
                int low = Integer.parseInt(text.substring(colon + 1));
                if (high >= 0 && high <= 0xFFFF && low >= 0 && low <= 0xFFFF) {
                    return community(high, low);
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a community (expected ASN:VALUE with both parts 0..65535, or a well-known name)");
    }

    public static String format(int community) {
        return switch (community) {
            case NO_EXPORT -> "no-export";
            case NO_ADVERTISE -> "no-advertise";
            case NO_EXPORT_SUBCONFED -> "no-export-subconfed";
            case GRACEFUL_SHUTDOWN -> "graceful-shutdown";
            case LLGR_STALE -> "llgr-stale";
            case NO_LLGR -> "no-llgr";
            default -> (community >>> 16) + ":" + (community & 0xFFFF);
        };
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public int get(int i) {
        return values[i];
    }

    public int[] toArray() {
        return values.clone();
    }

    public boolean contains(int community) {
        for (int v : values) {
            if (v == community) {
                return true;
            }
        }
        return false;
    }

    /** These communities plus {@code more}, without duplicates. */
    public Communities with(int... more) {
        int[] out = Arrays.copyOf(values, values.length + more.length);
        int n = values.length;
        for (int c : more) {
            boolean seen = false;
            for (int i = 0; i < n && !seen; i++) {
                seen = out[i] == c;
            }
            if (!seen) {
                out[n++] = c;
            }
        }
        return n == values.length ? this : new Communities(Arrays.copyOf(out, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Communities c && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(format(v));
        }
        return sb.toString();
    }
}
