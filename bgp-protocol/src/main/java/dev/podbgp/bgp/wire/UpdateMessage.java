package dev.podbgp.bgp.wire;

import java.util.List;

/**
 * UPDATE (RFC 4271 §4.3). IPv4 unicast prefixes travel in {@code withdrawn}
 * and {@code nlri} unless the sender chose MP_REACH/MP_UNREACH for them; every
 * other family travels in {@code mpReach}/{@code mpUnreach}.
 *
 * @param withdrawn IPv4 unicast prefixes withdrawn in the UPDATE body
 * @param attributes the path attributes ({@link PathAttributes#NONE} for a pure withdrawal)
 * @param nlri IPv4 unicast prefixes announced in the UPDATE body
 * @param mpReach MP_REACH_NLRI, or null
 * @param mpUnreach MP_UNREACH_NLRI, or null
 */
public record UpdateMessage(List<Prefix> withdrawn, PathAttributes attributes, List<Prefix> nlri,
                            MpReach mpReach, MpUnreach mpUnreach) implements BgpMessage {

    public UpdateMessage {
        withdrawn = PrefixList.copyOf(withdrawn);
        nlri = PrefixList.copyOf(nlri);
        attributes = attributes == null ? PathAttributes.NONE : attributes;
    }

    /** An IPv4 announcement in the UPDATE body. */
    public static UpdateMessage announce(PathAttributes attributes, List<Prefix> nlri) {
        return new UpdateMessage(List.of(), attributes, nlri, null, null);
    }

    /** The End-of-RIB marker of a family (RFC 4724 §2). */
    public static UpdateMessage endOfRib(AddressFamily family) {
        if (family.equals(AddressFamily.IPV4_UNICAST)) {
            return new UpdateMessage(List.of(), PathAttributes.NONE, List.of(), null, null);
        }
        return new UpdateMessage(List.of(), PathAttributes.NONE, List.of(), null, new MpUnreach(family, List.of()));
    }

    /** The family this UPDATE marks End-of-RIB for, or null when it is not an End-of-RIB. */
    public AddressFamily endOfRibFamily() {
        if (!withdrawn.isEmpty() || !nlri.isEmpty() || mpReach != null || !attributes.isEmpty()) {
            return null;
        }
        if (mpUnreach == null) {
            return AddressFamily.IPV4_UNICAST;
        }
        return mpUnreach.withdrawn().isEmpty() ? mpUnreach.family() : null;
    }

    /** Prefixes announced, in the body and MP_REACH_NLRI. */
    public int announcedCount() {
        return nlri.size() + (mpReach == null ? 0 : mpReach.nlri().size());
    }

    /** Prefixes withdrawn, in the body and MP_UNREACH_NLRI. */
    public int withdrawnCount() {
        return withdrawn.size() + (mpUnreach == null ? 0 : mpUnreach.withdrawn().size());
    }

    @Override
    public MessageType type() {
        return MessageType.UPDATE;
    }
}
