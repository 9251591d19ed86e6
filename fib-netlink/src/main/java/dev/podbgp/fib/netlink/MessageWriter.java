package dev.podbgp.fib.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds netlink messages, one after another, into one growing direct buffer in host byte
 * order, ready for a single send(). Nested attributes are opened with {@link #beginNested}
 * and closed with {@link #endNested}; their lengths are patched in when closed.
 */
public final class MessageWriter {

    private ByteBuffer buf;

    public MessageWriter(int initialCapacity) {
        buf = ByteBuffer.allocateDirect(Math.max(initialCapacity, 256)).order(ByteOrder.nativeOrder());
    }

    /** Starts a message; returns its start offset for {@link #end}. */
    public int begin(int type, int flags, int seq) {
        pad();
        int start = buf.position();
        ensure(Netlink.HEADER_LENGTH);
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return start;
    }

    /** Finishes the message begun at {@code start} by writing its length. */
    public void end(int start) {
        buf.putInt(start, buf.position() - start);
        pad();
    }

    public MessageWriter u8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    public MessageWriter u16(int v) {
        ensure(2);
        buf.putShort((short) v);
        return this;
    }

    public MessageWriter u32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    public MessageWriter bytes(byte[] v) {
        ensure(v.length);
        buf.put(v);
        return this;
    }

    public MessageWriter zeros(int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf.put((byte) 0);
        }
        return this;
    }

    public MessageWriter attr(int type, byte[] value) {
        ensure(4 + value.length + 3);
        buf.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        pad();
        return this;
    }

    public MessageWriter attrU32(int type, int value) {
        ensure(8);
        buf.putShort((short) 8).putShort((short) type).putInt(value);
        return this;
    }

    public MessageWriter attrU8(int type, int value) {
        ensure(8);
        buf.putShort((short) 5).putShort((short) type).put((byte) value);
        pad();
        return this;
    }

    public MessageWriter attrU16(int type, int value) {
        ensure(8);
        buf.putShort((short) 6).putShort((short) type).putShort((short) value);
        pad();
        return this;
    }

    /** A NUL-terminated string attribute, as the kernel expects for names. */
    public MessageWriter attrString(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        return attr(type, z);
    }

    /**
     * Opens a nested attribute. The NLA_F_NESTED flag is not set automatically because some
     * old attributes (RTA_MULTIPATH, RTA_METRICS) are parsed without it and iproute2 omits it.
     */
    public int beginNested(int type) {
        pad();
        int start = buf.position();
        ensure(4);
        buf.putShort((short) 0).putShort((short) type);
        return start;
    }

    public void endNested(int start) {
        buf.putShort(start, (short) (buf.position() - start));
        pad();
    }

    /** Current write offset, for structures with their own length field (rtnexthop). */
    public int position() {
        return buf.position();
    }

    public void putU16At(int offset, int v) {
        buf.putShort(offset, (short) v);
    }

    public void pad() {
        int aligned = Netlink.align(buf.position());
        ensure(aligned - buf.position());
        while (buf.position() < aligned) {
            buf.put((byte) 0);
        }
    }

    /** Bytes written so far. */
    public int length() {
        return buf.position();
    }

    /** The buffer holding bytes [0, length()); valid until the next write. */
    public ByteBuffer buffer() {
        return buf;
    }

    public byte[] toByteArray() {
        byte[] out = new byte[buf.position()];
        buf.duplicate().flip().get(out);
        return out;
    }

    public void clear() {
        buf.clear();
    }

    private void ensure(int n) {
        if (buf.remaining() >= n) {
            return;
        }
        int cap = buf.capacity();
        while (cap - buf.position() < n) {
            cap *= 2;
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect(cap).order(ByteOrder.nativeOrder());
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }
}
