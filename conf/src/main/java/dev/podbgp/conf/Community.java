package dev.podbgp.conf;

import java.util.Locale;
import java.util.Map;

/**
 * A standard BGP community (RFC 1997): 32 bits, written {@code ASN:VALUE} with
 * two 16-bit halves, or one of the well-known names.
 */
public record Community(int value) {
    private static final Map<String, Integer> WELL_KNOWN = Map.of(
            "no-export", 0xFFFFFF01,
            "no-advertise", 0xFFFFFF02,
            "no-export-subconfed", 0xFFFFFF03,
            "no-peer", 0xFFFFFF04,
            "blackhole", 0xFFFF029A,
            "graceful-shutdown", 0xFFFF0000);

    public static Community parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Integer known = WELL_KNOWN.get(t);
        if (known != null) {
            return new Community(known);
        }
        int colon = t.indexOf(':');
        if (colon > 0 && t.indexOf(':', colon + 1) < 0) {
            String a = t.substring(0, colon);
            String b = t.substring(colon + 1);
            if (a.matches("[0-9]{1,5}") && b.matches("[0-9]{1,5}")) {
                int high = Integer.parseInt(a);
                int low = Integer.parseInt(b);
                if (high <= 0xffff && low <= 0xffff) {
                    return new Community(high << 16 | low);
                }
            }
        }
        throw InvalidValueException.notA(text, "a community",
                "ASN:VALUE with both parts 0..65535, like 64512:100, or one of " + String.join(", ", WELL_KNOWN.keySet().stream().sorted().toList()));
    }

    @Override
    public String toString() {
        for (Map.Entry<String, Integer> e : WELL_KNOWN.entrySet()) {
            if (e.getValue() == value) {
                return e.getKey();
            }
        }
        return (value >>> 16) + ":" + (value & 0xffff);
    }
}
