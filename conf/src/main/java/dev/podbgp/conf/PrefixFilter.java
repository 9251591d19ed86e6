package dev.podbgp.conf;

import java.util.Objects;

/**
 * One prefix-list entry, written {@code PREFIX [ge N] [le N]} as in FRR and
 * Cisco prefix lists: a route matches when its prefix lies inside
 * {@code prefix} and its length is within {@code minLength..maxLength}.
 * Without {@code ge}/{@code le} only the exact prefix matches; {@code le N}
 * alone means lengths {@code prefix.length..N}; {@code ge N} alone means
 * {@code N..32} (or 128).
 */
public record PrefixFilter(IpPrefix prefix, int minLength, int maxLength) {

    public PrefixFilter {
        Objects.requireNonNull(prefix, "prefix");
        if (minLength < prefix.length() || minLength > maxLength || maxLength > prefix.maxLength()) {
            throw new IllegalArgumentException("lengths " + minLength + ".." + maxLength + " for " + prefix);
        }
    }

    /** Matches exactly this prefix. */
    public static PrefixFilter exact(IpPrefix prefix) {
        return new PrefixFilter(prefix, prefix.length(), prefix.length());
    }

    public boolean matches(IpPrefix route) {
        return route.length() >= minLength && route.length() <= maxLength && prefix.contains(route);
    }

    /** Parses {@code PREFIX [ge N] [le N]}; ge and le may come in either order. */
    public static PrefixFilter parse(String text) {
        String[] words = text.trim().split("\\s+");
        IpPrefix prefix = IpPrefix.parse(words[0]);
        Integer ge = null;
        Integer le = null;
        if (words.length % 2 == 0 || words.length > 5) {
            throw syntax(text);
        }
        for (int i = 1; i < words.length; i += 2) {
            String op = words[i];
            String n = words[i + 1];
            if (!n.matches("0|[1-9][0-9]{0,2}") || !(op.equals("ge") || op.equals("le"))) {
                throw syntax(text);
            }
            int v = Integer.parseInt(n);
            if (v > prefix.maxLength()) {
                throw new InvalidValueException(InvalidValueException.quote(text) + ": " + op + " " + v
                        + " is longer than an " + (prefix.isIpv4() ? "IPv4" : "IPv6") + " address (expected at most "
                        + prefix.maxLength() + ")");
            }
            if (op.equals("ge")) {
                if (ge != null) {
                    throw syntax(text);
                }
                ge = v;
            } else {
                if (le != null) {
                    throw syntax(text);
                }
                le = v;
            }
        }
        if (ge != null && ge < prefix.length()) {
            throw new InvalidValueException(InvalidValueException.quote(text) + ": ge " + ge
                    + " is shorter than the prefix length " + prefix.length() + " (expected ge between "
                    + prefix.length() + " and " + prefix.maxLength() + ")");
        }
        if (le != null && le < prefix.length()) {
            throw new InvalidValueException(InvalidValueException.quote(text) + ": le " + le
                    + " is shorter than the prefix length " + prefix.length() + " (expected le between "
                    + prefix.length() + " and " + prefix.maxLength() + ")");
        }
        if (ge != null && le != null && ge > le) {
            throw new InvalidValueException(InvalidValueException.quote(text) + ": ge " + ge + " is greater than le " + le
                    + " so nothing can match (expected ge <= le)");
        }
        int min = ge != null ? ge : prefix.length();
        int max = le != null ? le : (ge != null ? prefix.maxLength() : prefix.length());
        return new PrefixFilter(prefix, min, max);
    }

    private static InvalidValueException syntax(String text) {
        return InvalidValueException.notA(text, "a prefix filter",
                "PREFIX [ge N] [le N], like \"10.244.0.0/16 le 26\"");
    }

    /** Canonical form that {@link #parse} reads back to an equal filter. */
    @Override
    public String toString() {
        if (minLength == prefix.length() && maxLength == prefix.length()) {
            return prefix.toString();
        }
        StringBuilder s = new StringBuilder(prefix.toString());
        if (minLength != prefix.length()) {
            s.append(" ge ").append(minLength);
        }
        if (maxLength != prefix.maxLength() || minLength == prefix.length()) {
            s.append(" le ").append(maxLength);
        }
        return s.toString();
    }
}
