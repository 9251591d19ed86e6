package dev.podbgp.fib.netlink;

import java.nio.ByteOrder;

/**
 * An NLMSG_ERROR payload: error 0 is an ACK, else a negative errno; the request header is
 * echoed (whole request unless capped), then extended-ACK attributes when flagged.
 */
public record ErrorReply(int error, String extAck, int badAttributeOffset) {

    public static ErrorReply parse(NlMessage m) throws NetlinkException {
        var p = m.payload();
        if (p.limit() < 4) {
            throw new NetlinkException("NLMSG_ERROR with " + p.limit() + " payload bytes", Errno.EBADMSG.code(), null);
        }
        int error = p.getInt(0);
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0 || p.limit() < 4 + Netlink.HEADER_LENGTH) {
            return new ErrorReply(error, null, -1);
        }
        int echoed = (m.flags() & Netlink.NLM_F_CAPPED) != 0
                ? Netlink.HEADER_LENGTH
                : Netlink.align(p.getInt(4));
        int tlvStart = 4 + echoed;
        if (tlvStart > p.limit()) {
            return new ErrorReply(error, null, -1);
        }
        Attributes tlvs = Attributes.parse(p.slice(tlvStart, p.limit() - tlvStart).order(ByteOrder.nativeOrder()));
        Attr msg = tlvs.get(Netlink.NLMSGERR_ATTR_MSG);
        Attr offs = tlvs.get(Netlink.NLMSGERR_ATTR_OFFS);
        return new ErrorReply(error, msg == null ? null : msg.string(), offs == null ? -1 : offs.u32());
    }
}
