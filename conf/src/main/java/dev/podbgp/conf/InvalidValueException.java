package dev.podbgp.conf;

/**
 * A single text value that cannot be parsed. The message is complete and names
 * the value and what was expected, e.g. {@code "65x" is not an AS number (expected
 * 1..4294967295)}; the loader prefixes it with file, line, column and key path.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }

    /** {@code "TEXT" is not WHAT (expected EXPECTED)}. */
    static InvalidValueException notA(String text, String what, String expected) {
        return new InvalidValueException(quote(text) + " is not " + what + " (expected " + expected + ")");
    }

    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
