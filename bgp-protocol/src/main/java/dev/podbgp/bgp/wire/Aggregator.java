package dev.podbgp.bgp.wire;

/** AGGREGATOR: the AS (4-octet form; AS4_AGGREGATOR merged per RFC 6793) and the router's IPv4 address. */
public record Aggregator(int asn, int address) {
    @Override
    public String toString() {
        return Integer.toUnsignedString(asn) + " " + Ipv4.format(address);
    }
}
