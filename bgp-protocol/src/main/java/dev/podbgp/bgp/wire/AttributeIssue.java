package dev.podbgp.bgp.wire;

/**
 * One path attribute the decoder did not accept as sent, and what it did
 * about it (RFC 7606). For logging: the UPDATE itself was still usable, or
 * was turned into withdrawals.
 *
 * @param typeCode the attribute type code
 * @param action what RFC 7606 prescribes for this error
 * @param reason what was wrong, naming the attribute, the field and the value
 */
public record AttributeIssue(int typeCode, Action action, String reason) {

    /** RFC 7606 §2 approaches short of a session reset. */
    public enum Action {
        /** The attribute was dropped, the routes kept ("attribute discard"). */
        DISCARDED,
        /** The UPDATE's routes are withdrawn instead ("treat-as-withdraw"). */
        TREAT_AS_WITHDRAW
    }

    @Override
    public String toString() {
        return (action == Action.DISCARDED ? "discarded: " : "treat-as-withdraw: ") + reason;
    }
}
