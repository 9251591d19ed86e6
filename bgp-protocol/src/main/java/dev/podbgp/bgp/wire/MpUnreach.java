package dev.podbgp.bgp.wire;

import java.util.List;

/** MP_UNREACH_NLRI (RFC 4760): withdrawn prefixes of one family. Empty means End-of-RIB for that family. */
public record MpUnreach(AddressFamily family, List<Prefix> withdrawn) {
    public MpUnreach {
        if (family == null) {
            throw new IllegalArgumentException("MP_UNREACH_NLRI needs a family");
        }
        withdrawn = PrefixList.copyOf(withdrawn);
    }
}
