package dev.podbgp.fib.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One rtattr/nlattr: {@code type} without the NESTED/NET_BYTEORDER flag bits, and its value.
 * The value is a view (host order, position 0) into the buffer it was parsed from.
 */
public record Attr(int type, boolean nestedFlag, ByteBuffer value) {

    public int length() {
        return value.limit();
    }

    public int u8() throws NetlinkException {
        need(1);
        return value.get(0) & 0xff;
    }

    public int u16() throws NetlinkException {
        need(2);
        return value.getShort(0) & 0xffff;
    }

    /** Unsigned 32-bit values are returned as int; compare with Integer.compareUnsigned. */
    public int u32() throws NetlinkException {
        need(4);
        return value.getInt(0);
    }

    public byte[] bytes() {
        byte[] out = new byte[value.limit()];
        value.duplicate().get(out);
        return out;
    }

    /** A string attribute; a trailing NUL (as the kernel sends) is dropped. */
    public String string() {
        int n = value.limit();
        while (n > 0 && value.get(n - 1) == 0) {
            n--;
        }
        byte[] out = new byte[n];
        value.duplicate().get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Parses the value as nested attributes. */
    public Attributes nested() throws NetlinkException {
        return Attributes.parse(value.duplicate().order(ByteOrder.nativeOrder()));
    }

    private void need(int n) throws NetlinkException {
        if (value.limit() < n) {
            throw new NetlinkException("attribute type " + type + " has " + value.limit() + " bytes, needs " + n,
                    Errno.EBADMSG.code(), null);
        }
    }
}
