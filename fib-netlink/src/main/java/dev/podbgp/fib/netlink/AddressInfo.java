package dev.podbgp.fib.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An interface address as RTM_NEWADDR/RTM_DELADDR describe it.
 *
 * @param deleted true for RTM_DELADDR
 */
public record AddressInfo(int ifindex, InetAddress address, int prefixLength, boolean deleted) {

    /** Dump request for all families, as iproute2's "ip addr show" sends it. */
    public static RtnlConnection.MessageBody dumpRequest() {
        return w -> w.u8(Rtnl.AF_UNSPEC).u8(0).u8(0).u8(0).u32(0);
    }

    /** Decodes RTM_NEWADDR/RTM_DELADDR; null for other types and families. */
    public static AddressInfo decode(NlMessage m) throws NetlinkException {
        if (m.type() != Rtnl.RTM_NEWADDR && m.type() != Rtnl.RTM_DELADDR) {
            return null;
        }
        if (m.payload().limit() < Rtnl.IFADDRMSG_LENGTH) {
            throw new NetlinkException("address message with " + m.payload().limit() + " payload bytes",
                    Errno.EBADMSG.code(), null);
        }
        int family = m.payload().get(0) & 0xff;
        if (family != Rtnl.AF_INET && family != Rtnl.AF_INET6) {
            return null;
        }
        int prefixLength = m.payload().get(1) & 0xff;
        int index = m.payload().getInt(4);
        Attributes a = m.attributes(Rtnl.IFADDRMSG_LENGTH);
        // IFA_LOCAL is the address itself on point-to-point links; IFA_ADDRESS is the peer there.
        Attr addr = a.has(Rtnl.IFA_LOCAL) ? a.get(Rtnl.IFA_LOCAL) : a.get(Rtnl.IFA_ADDRESS);
        if (addr == null) {
            return null;
        }
        try {
            return new AddressInfo(index, InetAddress.getByAddress(addr.bytes()), prefixLength,
                    m.type() == Rtnl.RTM_DELADDR);
        } catch (UnknownHostException e) {
            throw new NetlinkException("address attribute of " + addr.length() + " bytes", Errno.EBADMSG.code(), null);
        }
    }
}
