package dev.podbgp.fib.netlink;

/**
 * An interface as RTM_NEWLINK/RTM_DELLINK describe it.
 *
 * @param flags IFF_* bits
 * @param operState IF_OPER_* (6 = up)
 * @param deleted true for RTM_DELLINK
 */
public record LinkInfo(int index, String name, int flags, int operState, boolean deleted) {

    public static final int IF_OPER_UP = 6;
    public static final int IF_OPER_UNKNOWN = 0;

    /** Usable for forwarding: administratively up and carrier present. */
    public boolean isUp() {
        return !deleted && (flags & Rtnl.IFF_UP) != 0 && (flags & Rtnl.IFF_LOWER_UP) != 0
                && (operState == IF_OPER_UP || operState == IF_OPER_UNKNOWN);
    }

    /** Dump request as iproute2's "ip link show" sends it (AF_PACKET, IFLA_EXT_MASK=RTEXT_FILTER_VF). */
    public static RtnlConnection.MessageBody dumpRequest() {
        return w -> {
            w.u8(17 /* AF_PACKET */).u8(0).u16(0).u32(0).u32(0).u32(0);
            w.attrU32(29 /* IFLA_EXT_MASK */, 1 /* RTEXT_FILTER_VF */);
        };
    }

    /** Decodes RTM_NEWLINK/RTM_DELLINK; null for other types. */
    public static LinkInfo decode(NlMessage m) throws NetlinkException {
        if (m.type() != Rtnl.RTM_NEWLINK && m.type() != Rtnl.RTM_DELLINK) {
            return null;
        }
        if (m.payload().limit() < Rtnl.IFINFOMSG_LENGTH) {
            throw new NetlinkException("link message with " + m.payload().limit() + " payload bytes",
                    Errno.EBADMSG.code(), null);
        }
        int index = m.payload().getInt(4);
        int flags = m.payload().getInt(8);
        Attributes a = m.attributes(Rtnl.IFINFOMSG_LENGTH);
        Attr name = a.get(Rtnl.IFLA_IFNAME);
        Attr oper = a.get(Rtnl.IFLA_OPERSTATE);
        return new LinkInfo(index, name == null ? "if" + index : name.string(), flags,
                oper == null ? IF_OPER_UNKNOWN : oper.u8(), m.type() == Rtnl.RTM_DELLINK);
    }
}
