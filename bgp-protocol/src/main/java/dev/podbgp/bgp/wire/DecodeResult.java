package dev.podbgp.bgp.wire;

import java.util.ArrayList;
import java.util.List;

/** What {@link BgpDecoder#decode} made of one message. Never an exception. */
public sealed interface DecodeResult {

    /**
     * A usable message. For an UPDATE, {@code issues} lists attributes that
     * were discarded (RFC 7606 "attribute discard"); the session logs them.
     */
    record Decoded(BgpMessage message, List<AttributeIssue> issues) implements DecodeResult {
        public Decoded {
            issues = List.copyOf(issues);
        }

        public Decoded(BgpMessage message) {
            this(message, List.of());
        }
    }

    /**
     * An UPDATE with an attribute error for which RFC 7606 prescribes
     * "treat-as-withdraw": every route it carried, announced or withdrawn, in
     * the body or in MP_REACH_NLRI / MP_UNREACH_NLRI, is to be withdrawn.
     * IPv4 unicast prefixes are in {@code withdrawals.withdrawn()}, others in
     * {@code withdrawals.mpUnreach()}; the UPDATE carries no attributes.
     * It may hold no prefix at all: process {@link #prefixes()}, never read
     * it as an End-of-RIB.
     *
     * @param withdrawals the routes to withdraw, as a withdraw-only UPDATE
     * @param reason the first error that called for this, naming attribute, field and value
     * @param issues every attribute error found, including discards
     */
    record TreatAsWithdraw(UpdateMessage withdrawals, String reason, List<AttributeIssue> issues)
            implements DecodeResult {
        public TreatAsWithdraw {
            issues = List.copyOf(issues);
        }

        /** All withdrawn prefixes in one list. */
        public List<Prefix> prefixes() {
            List<Prefix> out = new ArrayList<>(withdrawals.withdrawn());
            if (withdrawals.mpUnreach() != null) {
                out.addAll(withdrawals.mpUnreach().withdrawn());
            }
            return out;
        }
    }

    /**
     * The session must be reset: send {@code notification} and close
     * (RFC 4271 §6; RFC 7606 "session reset").
     *
     * @param notification the NOTIFICATION to send, with the exact code, subcode and data
     * @param reason what was wrong, naming the field and the value
     */
    record SessionReset(NotificationMessage notification, String reason) implements DecodeResult {
    }

    /**
     * A message to ignore without error: a ROUTE-REFRESH with an unknown
     * subtype (RFC 7313 §5), or an UPDATE left with nothing podbgp uses once
     * discarded attributes are gone (e.g. only routes of a family we do not
     * carry). Log the reason and read on.
     */
    record Ignored(String reason) implements DecodeResult {
    }
}
