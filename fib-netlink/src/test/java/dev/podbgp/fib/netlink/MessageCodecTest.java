package dev.podbgp.fib.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    static ByteBuffer direct(byte[] b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.length).order(ByteOrder.nativeOrder());
        d.put(b).flip();
        return d;
    }

    @Test
    void nestedAttributesRoundTripWithPadding() throws Exception {
        MessageWriter w = new MessageWriter(16);
        int start = w.begin(Rtnl.RTM_NEWLINK, Netlink.NLM_F_REQUEST, 42);
        w.zeros(Rtnl.IFINFOMSG_LENGTH);
        w.attrString(Rtnl.IFLA_IFNAME, "podbgp0");
        int outer = w.beginNested(18 /* IFLA_LINKINFO */ | Netlink.NLA_F_NESTED);
        w.attrString(1, "vxlan");
        int inner = w.beginNested(2 | Netlink.NLA_F_NESTED);
        w.attrU32(1, 4242).attrU8(7, 1).attrU16(15, 4789);
        w.endNested(inner);
        w.endNested(outer);
        w.end(start);
        byte[] bytes = w.toByteArray();
        assertThat(bytes.length % 4).isZero();

        List<NlMessage> msgs = NlMessage.parse(direct(bytes), bytes.length);
        assertThat(msgs).hasSize(1);
        NlMessage m = msgs.get(0);
        assertThat(m.type()).isEqualTo(Rtnl.RTM_NEWLINK);
        assertThat(m.seq()).isEqualTo(42);
        Attributes a = m.attributes(Rtnl.IFINFOMSG_LENGTH);
        assertThat(a.get(Rtnl.IFLA_IFNAME).string()).isEqualTo("podbgp0");
        Attr li = a.get(18);
        assertThat(li.nestedFlag()).isTrue();
        Attributes liA = li.nested();
        assertThat(liA.get(1).string()).isEqualTo("vxlan");
        Attributes data = liA.get(2).nested();
        assertThat(data.get(1).u32()).isEqualTo(4242);
        assertThat(data.get(7).u8()).isEqualTo(1);
        assertThat(data.get(15).u16()).isEqualTo(4789);
        assertThat(data.size()).isEqualTo(3);
    }

    @Test
    void manyMessagesInOneDatagram() throws Exception {
        MessageWriter w = new MessageWriter(16);
        for (int i = 0; i < 100; i++) {
            int s = w.begin(Rtnl.RTM_GETLINK, 0, i);
            w.u8(i % 7); // odd lengths force padding between messages
            w.end(s);
        }
        byte[] b = w.toByteArray();
        List<NlMessage> msgs = NlMessage.parse(direct(b), b.length);
        assertThat(msgs).hasSize(100);
        assertThat(msgs.get(99).seq()).isEqualTo(99);
        assertThat(msgs.get(99).payload().get(0)).isEqualTo((byte) (99 % 7));
    }

    @Test
    void malformedLengthsAreRejectedWithTheOffset() {
        byte[] b = new byte[20];
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putInt(0, 400);
        assertThatThrownBy(() -> NlMessage.parse(direct(b), b.length)).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("offset 0").hasMessageContaining("length 400");
        byte[] attrs = {(byte) 200, 0, 1, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> Attributes.parse(direct(attrs))).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("malformed attribute");
        byte[] shortU32 = {6, 0, 1, 0, 9, 9, 0, 0};
        assertThatThrownBy(() -> Attributes.parse(direct(shortU32)).get(1).u32())
                .hasMessageContaining("needs 4");
    }

    /** A kernel error as 6.x sends it with NETLINK_EXT_ACK and NETLINK_CAP_ACK set. */
    @Test
    void errorReplyCarriesErrnoAndExtendedAck() throws Exception {
        MessageWriter w = new MessageWriter(64);
        int s = w.begin(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS, 9);
        w.u32(-101);
        w.u32(60).u16(Rtnl.RTM_NEWROUTE).u16(0x605).u32(9).u32(0); // echoed request header only
        w.attrString(Netlink.NLMSGERR_ATTR_MSG, "Nexthop has invalid gateway");
        w.attrU32(Netlink.NLMSGERR_ATTR_OFFS, 36);
        w.end(s);
        byte[] b = w.toByteArray();
        ErrorReply e = ErrorReply.parse(NlMessage.parse(direct(b), b.length).get(0));
        assertThat(e.error()).isEqualTo(-101);
        assertThat(e.extAck()).isEqualTo("Nexthop has invalid gateway");
        assertThat(e.badAttributeOffset()).isEqualTo(36);

        NetlinkException ex = new NetlinkException("create route 10.0.0.0/24", -e.error(), e.extAck());
        assertThat(ex.errno()).isEqualTo(Errno.ENETUNREACH);
        assertThat(ex.getMessage()).contains("create route 10.0.0.0/24").contains("ENETUNREACH (101)")
                .contains("kernel says: Nexthop has invalid gateway");
    }

    @Test
    void plainAckHasNoText() throws Exception {
        MessageWriter w = new MessageWriter(64);
        int s = w.begin(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED, 3);
        w.u32(0).u32(16).u16(Rtnl.RTM_DELROUTE).u16(5).u32(3).u32(0);
        w.end(s);
        byte[] b = w.toByteArray();
        ErrorReply e = ErrorReply.parse(NlMessage.parse(direct(b), b.length).get(0));
        assertThat(e.error()).isZero();
        assertThat(e.extAck()).isNull();
    }

    @Test
    void unknownErrnoKeepsTheNumber() {
        NetlinkException ex = new NetlinkException("x", 1234, null);
        assertThat(ex.errno()).isEqualTo(Errno.UNKNOWN);
        assertThat(ex.code()).isEqualTo(1234);
        assertThat(ex.getMessage()).contains("errno 1234");
    }
}
