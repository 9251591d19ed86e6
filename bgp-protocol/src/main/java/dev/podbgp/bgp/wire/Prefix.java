package dev.podbgp.bgp.wire;

/**
 * One NLRI: an IPv4 or IPv6 prefix, with the ADD-PATH path identifier
 * (RFC 7911) it was sent with, 0 where ADD-PATH is not in use. The decoder
 * makes one per IPv6 prefix and per prefix of an UPDATE with one or two,
 * nothing else per prefix; three or more IPv4 prefixes come packed in an
 * {@link Ipv4PrefixList}.
 */
public sealed interface Prefix permits Ipv4Prefix, Ipv6Prefix {

    AddressFamily family();

    /** Prefix length in bits. */
    int length();

    /** ADD-PATH path identifier (unsigned 32 bits), 0 without ADD-PATH. */
    int pathId();

    /** The same prefix with another path identifier. */
    Prefix withPathId(int pathId);

    /** Parses {@code 10.244.1.0/24} or {@code 2001:db8::/32}; host bits must be zero. */
    static Prefix parse(String text) {
        return text.indexOf(':') >= 0 ? Ipv6Prefix.parse(text) : Ipv4Prefix.parse(text);
    }
}
