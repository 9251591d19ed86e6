package dev.podbgp.bgp.wire;

import java.util.List;

/**
 * OPEN (RFC 4271 §4.2) with its capabilities (RFC 5492).
 *
 * @param version BGP version, 4
 * @param myAutonomousSystem the 2-octet My AS field (AS_TRANS 23456 when the real AS needs 4 octets)
 * @param holdTime proposed hold time in seconds
 * @param bgpIdentifier BGP identifier (IPv4 as int)
 * @param capabilities capabilities in the order sent
 */
public record OpenMessage(int version, int myAutonomousSystem, int holdTime, int bgpIdentifier,
                          List<Capability> capabilities) implements BgpMessage {
    public static final int VERSION = 4;
    public static final int AS_TRANS = 23456;

    public OpenMessage {
        if (myAutonomousSystem < 0 || myAutonomousSystem > 0xFFFF) {
            throw new IllegalArgumentException("My AS " + myAutonomousSystem + " is outside 0..65535");
        }
        if (holdTime < 0 || holdTime > 0xFFFF) {
            throw new IllegalArgumentException("hold time " + holdTime + " is outside 0..65535");
        }
        capabilities = List.copyOf(capabilities);
    }

    /** An OPEN for {@code asn} (4-octet capable): My AS is AS_TRANS when {@code asn} does not fit 2 octets. */
    public static OpenMessage of(long asn, int holdTime, int bgpIdentifier, List<Capability> capabilities) {
        int my = asn <= 0xFFFF ? (int) asn : AS_TRANS;
        return new OpenMessage(VERSION, my, holdTime, bgpIdentifier, capabilities);
    }

    /** The sender's AS: from the 4-octet AS capability when present, else My AS. Unsigned. */
    public long asNumber() {
        for (Capability c : capabilities) {
            if (c instanceof Capability.FourOctetAs f) {
                return Integer.toUnsignedLong(f.asn());
            }
        }
        return myAutonomousSystem;
    }

    /** The first capability of a type, or null. */
    public <C extends Capability> C capability(Class<C> type) {
        for (Capability c : capabilities) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    @Override
    public MessageType type() {
        return MessageType.OPEN;
    }
}
