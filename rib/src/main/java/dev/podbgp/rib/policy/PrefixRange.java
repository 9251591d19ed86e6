package dev.podbgp.rib.policy;

import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv6Prefix;
import dev.podbgp.bgp.wire.Prefix;

/**
 * A prefix filter entry: prefixes inside {@code prefix} whose length lies in
 * {@code ge..le}, as in {@code 10.244.0.0/16 le 26} (the /16 itself and every
 * more specific down to /26). Without ge/le only the exact prefix matches.
 */
public record PrefixRange(Prefix prefix, int ge, int le) {

    public PrefixRange {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix range needs a prefix");
        }
        prefix = prefix.withPathId(0);
        int max = prefix instanceof Ipv4Prefix ? 32 : 128;
        if (ge < prefix.length() || le > max || ge > le) {
            throw new IllegalArgumentException("prefix range " + prefix + " ge " + ge + " le " + le
                    + " needs " + prefix.length() + " <= ge <= le <= " + max);
        }
    }

    /** Exactly this prefix. */
    public static PrefixRange exact(Prefix prefix) {
        return new PrefixRange(prefix, prefix.length(), prefix.length());
    }

    /**
     * Parses {@code P}, {@code P le N}, {@code P ge N} or {@code P ge N le M}
     * (P as {@code 10.244.0.0/16} or {@code 2001:db8::/32}).
     */
    public static PrefixRange parse(String text) {
        String[] w = text.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty() || w.length % 2 == 0 || w.length > 5) {
            throw new IllegalArgumentException("\"" + text + "\" is not a prefix range (expected PREFIX [ge N] [le M])");
        }
        Prefix p;
        try {
            p = Prefix.parse(w[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prefix range \"" + text + "\": " + e.getMessage(), e);
        }
        int max = p instanceof Ipv4Prefix ? 32 : 128;
        Integer ge = null;
        Integer le = null;
        for (int i = 1; i < w.length; i += 2) {
            int v;
            try {
                v = Integer.parseInt(w[i + 1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("prefix range \"" + text + "\": \"" + w[i + 1] + "\" is not a length");
            }
            switch (w[i]) {
                case "ge" -> {
                    if (ge != null || le != null) {
                        throw new IllegalArgumentException("prefix range \"" + text + "\": ge must come once, before le");
                    }
                    ge = v;
                }
                case "le" -> {
                    if (le != null) {
                        throw new IllegalArgumentException("prefix range \"" + text + "\": le given twice");
                    }
                    le = v;
                }
                default -> throw new IllegalArgumentException("prefix range \"" + text + "\": expected ge or le, found \"" + w[i] + "\"");
            }
        }
        int lo = ge != null ? ge : p.length();
        int hi = le != null ? le : ge != null ? max : p.length();
        try {
            return new PrefixRange(p, lo, hi);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prefix range \"" + text + "\": " + e.getMessage(), e);
        }
    }

    public boolean matches(Prefix p) {
        if (p instanceof Ipv4Prefix v) {
            return matches(v.address(), v.length());
        }
        if (p.length() < ge || p.length() > le || !(prefix instanceof Ipv6Prefix r)) {
            return false;
        }
        return p instanceof Ipv6Prefix v && (v.high() & Ipv6Prefix.maskHigh(r.length())) == r.high()
                && (v.low() & Ipv6Prefix.maskLow(r.length())) == r.low();
    }

    /** Whether the IPv4 prefix address/length matches. */
    public boolean matches(int address, int length) {
        return length >= ge && length <= le && prefix instanceof Ipv4Prefix r
                && (address & Ipv4Prefix.mask(r.length())) == r.address();
    }

    @Override
    public String toString() {
        String s = prefix.toString();
        if (ge == prefix.length() && le == prefix.length()) {
            return s;
        }
        if (ge != prefix.length()) {
            s += " ge " + ge;
        }
        return s + " le " + le;
    }
}
