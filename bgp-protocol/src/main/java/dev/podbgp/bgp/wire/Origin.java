package dev.podbgp.bgp.wire;

/** ORIGIN attribute values (RFC 4271 §4.3); lower is preferred. */
public enum Origin {
    IGP(0), EGP(1), INCOMPLETE(2);

    private final int code;

    Origin(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The origin for a wire value, or null when it is undefined (an RFC 7606 treat-as-withdraw case). */
    public static Origin valueOf(int code) {
        return switch (code) {
            case 0 -> IGP;
            case 1 -> EGP;
            case 2 -> INCOMPLETE;
            default -> null;
        };
    }
}
