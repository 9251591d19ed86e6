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

    /** In the largest unit that divides it exactly, as an operator writes it: {@code 90s}, {@code 2m}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
