package dev.podbgp.conf;

/**
 * Autonomous system numbers: 1..4294967295, written as plain numbers
 * ("asplain", {@code 4200000001}) or "asdot" ({@code 64086.59904}, RFC 5396).
 */
public final class Asn {
    public static final long MAX = 0xffff_ffffL;
    /** AS_TRANS (RFC 6793): stands in for 4-byte ASNs towards old speakers, never a real AS. */
    public static final long AS_TRANS = 23456;

    private Asn() {
    }

    public static long parse(String text) {
        String t = text.trim();
        long asn;
        int dot = t.indexOf('.');
        if (dot >= 0) {
            long high = number(t.substring(0, dot), text);
            long low = number(t.substring(dot + 1), text);
            if (high > 0xffff || low > 0xffff) {
                throw InvalidValueException.notA(text, "an AS number", "asdot HIGH.LOW with both parts 0..65535");
            }
            asn = high << 16 | low;
        } else {
            asn = number(t, text);
        }
        if (asn < 1 || asn > MAX) {
            throw InvalidValueException.notA(text, "an AS number", "1..4294967295");
        }
        if (asn == AS_TRANS) {
            throw new InvalidValueException(InvalidValueException.quote(text)
                    + " is AS_TRANS, reserved for 4-byte AS negotiation (expected a real AS number)");
        }
        return asn;
    }

    private static long number(String digits, String text) {
        if (!digits.matches("[0-9]{1,10}")) {
            throw InvalidValueException.notA(text, "an AS number", "1..4294967295");
        }
        return Long.parseLong(digits);
    }

    /** asplain text. */
    public static String format(long asn) {
        return Long.toString(asn);
    }

    public static void check(long asn) {
        if (asn < 1 || asn > MAX) {
            throw new IllegalArgumentException("AS number " + asn + " out of 1.." + MAX);
        }
    }
}
