package dev.podbgp.conf;

import java.time.Duration;

/**
 * Durations written as one or more NUMBER UNIT parts: {@code 90s}, {@code 2m},
 * {@code 500ms}, {@code 1h30m}. Units: ms, s, m, h. A bare {@code 0} is allowed;
 * any other bare number is refused because "90" could mean seconds or
 * milliseconds depending on which router's manual one read last.
 */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.isEmpty()) {
            throw bad(text);
        }
        Duration total = Duration.ZERO;
        int i = 0;
        while (i < t.length()) {
            int start = i;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 9) {
                throw bad(text);
            }
            long n = Long.parseLong(t.substring(start, i));
            int unitStart = i;
            while (i < t.length() && Character.isLetter(t.charAt(i))) {
                i++;
            }
            Duration part = switch (t.substring(unitStart, i)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> throw bad(text);
            };
            total = total.plus(part);
        }
        return total;
    }

    private static InvalidValueException bad(String text) {
        return InvalidValueException.notA(text, "a duration", "NUMBER with unit ms, s, m or h, like 90s, 500ms, 2m, 1h30m");
    }

    /** Shortest text that {@link #parse} reads back, e.g. {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder s = new StringBuilder();
        long ms = d.toMillis();
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long sec = ms / 1000 % 60;
        long rest = ms % 1000;
        if (h > 0) {
            s.append(h).append('h');
        }
        if (m > 0) {
            s.append(m).append('m');
        }
        if (sec > 0) {
            s.append(sec).append('s');
        }
        if (rest > 0) {
            s.append(rest).append("ms");
        }
        return s.toString();
    }
}
