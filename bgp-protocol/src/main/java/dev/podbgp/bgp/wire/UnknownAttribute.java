package dev.podbgp.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An optional attribute podbgp does not interpret. Transitive ones are passed
 * on with the Partial bit set (RFC 4271 §5): the flags of an optional
 * transitive attribute always carry it here, so what we decode equals what we
 * send on. Non-transitive ones are dropped by the decoder and never appear here.
 */
public final class UnknownAttribute {
    private final int flags;
    private final int typeCode;
    private final byte[] value;

    public UnknownAttribute(int flags, int typeCode, byte[] value) {
        if (typeCode < 0 || typeCode > 255) {
            throw new IllegalArgumentException("attribute type " + typeCode + " is outside 0..255");
        }
        int f = flags & 0xE0; // the extended-length bit is the encoder's choice
        if ((f & 0xC0) == 0xC0) {
            f |= 0x20;
        }
        this.flags = f;
        this.typeCode = typeCode;
        this.value = value.clone();
    }

    /** Optional, Transitive and Partial bits (0xE0); the extended-length bit is chosen by the encoder. */
    public int flags() {
        return flags;
    }

    public int typeCode() {
        return typeCode;
    }

    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownAttribute u && u.flags == flags && u.typeCode == typeCode
                && Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode() {
        return (flags * 31 + typeCode) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "attr" + typeCode + "(flags 0x" + Integer.toHexString(flags) + ", " + HexFormat.of().formatHex(value) + ")";
    }
}
