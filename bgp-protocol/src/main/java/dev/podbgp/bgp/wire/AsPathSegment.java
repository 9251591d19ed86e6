package dev.podbgp.bgp.wire;

import java.util.Arrays;

/** One AS_PATH segment: its type and up to 255 AS numbers (unsigned 32-bit, held in ints). */
public final class AsPathSegment {
    public static final int MAX_SIZE = 255;

    /** Segment types of RFC 4271 and RFC 5065. */
    public enum Type {
        AS_SET(1), AS_SEQUENCE(2), AS_CONFED_SEQUENCE(3), AS_CONFED_SET(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The type for a wire value, or null when it is not one of the four. */
        public static Type valueOf(int code) {
            return switch (code) {
                case 1 -> AS_SET;
                case 2 -> AS_SEQUENCE;
                case 3 -> AS_CONFED_SEQUENCE;
                case 4 -> AS_CONFED_SET;
                default -> null;
            };
        }
    }

    private final Type type;
    private final int[] asns;

    public AsPathSegment(Type type, int[] asns) {
        if (type == null) {
            throw new IllegalArgumentException("AS_PATH segment type is missing");
        }
        if (asns.length == 0 || asns.length > MAX_SIZE) {
            throw new IllegalArgumentException("AS_PATH segment holds " + asns.length + " AS numbers (expected 1..255)");
        }
        this.type = type;
        this.asns = asns.clone();
    }

    public static AsPathSegment sequence(int... asns) {
        return new AsPathSegment(Type.AS_SEQUENCE, asns);
    }

    public static AsPathSegment set(int... asns) {
        return new AsPathSegment(Type.AS_SET, asns);
    }

    public Type type() {
        return type;
    }

    public int size() {
        return asns.length;
    }

    /** The i-th AS number; use {@link Integer#toUnsignedLong} to read it as a number. */
    public int get(int i) {
        return asns[i];
    }

    public int[] asns() {
        return asns.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof AsPathSegment s && s.type == type && Arrays.equals(s.asns, asns);
    }

    @Override
    public int hashCode() {
        // The type's code, not the enum's identity hash: the same path hashes the same in every run.
        return type.code() * 31 + Arrays.hashCode(asns);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String open = switch (type) {
            case AS_SEQUENCE -> "";
            case AS_SET -> "{";
            case AS_CONFED_SEQUENCE -> "(";
            case AS_CONFED_SET -> "[";
        };
        sb.append(open);
        for (int i = 0; i < asns.length; i++) {
            if (i > 0) {
                sb.append(type == Type.AS_SET || type == Type.AS_CONFED_SET ? "," : " ");
            }
            sb.append(Integer.toUnsignedString(asns[i]));
        }
        sb.append(switch (type) {
            case AS_SEQUENCE -> "";
            case AS_SET -> "}";
            case AS_CONFED_SEQUENCE -> ")";
            case AS_CONFED_SET -> "]";
        });
        return sb.toString();
    }
}
