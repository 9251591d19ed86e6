package dev.podbgp.bgp.wire;

/** One LARGE_COMMUNITY (RFC 8092): three unsigned 32-bit parts. */
public record LargeCommunity(int globalAdmin, int localData1, int localData2) {

    /** Parses {@code 64512:1:2}. */
    public static LargeCommunity parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length == 3) {
            try {
                return new LargeCommunity(Integer.parseUnsignedInt(parts[0]),
                        Integer.parseUnsignedInt(parts[1]), Integer.parseUnsignedInt(parts[2]));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a large community (expected A:B:C, each 0..4294967295)");
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(globalAdmin) + ":" + Integer.toUnsignedString(localData1) + ":"
                + Integer.toUnsignedString(localData2);
    }
}
