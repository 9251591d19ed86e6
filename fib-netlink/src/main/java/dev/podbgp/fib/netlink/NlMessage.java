package dev.podbgp.fib.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One received netlink message. {@code payload} is a view into the receive buffer (host byte
 * order, position 0), valid only until the next receive: decode it right away.
 */
public record NlMessage(int type, int flags, int seq, int pid, ByteBuffer payload) {

    /** Splits a datagram into messages, refusing lengths that do not fit. */
    public static List<NlMessage> parse(ByteBuffer datagram, int length) throws NetlinkException {
        List<NlMessage> out = new ArrayList<>();
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        int pos = 0;
        while (length - pos >= Netlink.HEADER_LENGTH) {
            int len = b.getInt(pos);
            if (len < Netlink.HEADER_LENGTH || len > length - pos) {
                throw new NetlinkException("malformed netlink message at offset " + pos + ": length " + len
                        + " in a datagram of " + length + " bytes", Errno.EBADMSG.code(), null);
            }
            int type = b.getShort(pos + 4) & 0xffff;
            int flags = b.getShort(pos + 6) & 0xffff;
            int seq = b.getInt(pos + 8);
            int pid = b.getInt(pos + 12);
            ByteBuffer payload = b.slice(pos + Netlink.HEADER_LENGTH, len - Netlink.HEADER_LENGTH)
                    .order(ByteOrder.nativeOrder());
            out.add(new NlMessage(type, flags, seq, pid, payload));
            pos += Netlink.align(len);
        }
        return out;
    }

    /** Attributes that follow a fixed header of {@code headerLength} bytes. */
    public Attributes attributes(int headerLength) throws NetlinkException {
        if (payload.limit() < headerLength) {
            throw new NetlinkException("netlink message type " + type + " has " + payload.limit()
                    + " payload bytes, header needs " + headerLength, Errno.EBADMSG.code(), null);
        }
        return Attributes.parse(payload.slice(headerLength, payload.limit() - headerLength)
                .order(ByteOrder.nativeOrder()));
    }
}
