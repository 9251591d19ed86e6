package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.BgpEncoder;
import dev.podbgp.bgp.wire.BgpMessage;
import dev.podbgp.bgp.wire.Capability;
import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.KeepaliveMessage;
import dev.podbgp.bgp.wire.NotificationMessage;
import dev.podbgp.bgp.wire.OpenMessage;
import dev.podbgp.bgp.wire.UpdateMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Netty pipeline of a connection, fed bytes through an EmbeddedChannel. */
class NettyPipelineTest {
    final ManualScheduler thread = new ManualScheduler();
    final List<Object> events = new ArrayList<>();
    final ConnectionListener listener = new ConnectionListener() {
        @Override
        public void onMessage(BgpMessage message) {
            events.add(message);
        }

        @Override
        public void onProtocolError(NotificationMessage notification, String detail) {
            events.add(notification);
        }

        @Override
        public void onReadComplete() {
            events.add("read-complete");
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
            events.add("writable=" + writable);
        }

        @Override
        public void onClosed(String reason) {
            events.add("closed");
        }
    };

    EmbeddedChannel channel = new EmbeddedChannel();
    NettyConnection conn = NettyConnection.install(channel, true, "test");

    static ByteBuf bytes(BgpMessage m, CodecOptions o) {
        ByteBuf b = Unpooled.buffer();
        BgpEncoder.encode(m, o, b);
        return b;
    }

    static OpenMessage open(long asn, List<Capability> caps) {
        return OpenMessage.of(asn, 90, 0x0A000002, caps);
    }

    List<BgpMessage> messages() {
        // Protocol errors arrive as NotificationMessages too; those are not decoded messages.
        return events.stream().filter(e -> e instanceof BgpMessage && !(e instanceof NotificationMessage))
                .map(BgpMessage.class::cast).toList();
    }

    @Test
    void nothingIsReadBeforeTheSessionStartsTheConnection() {
        assertThat(channel.config().isAutoRead()).isFalse();
        conn.start(listener, thread);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();
        conn.setReading(false);
        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void messagesDecodedAfterAPauseWaitAndFollowInOrderWhenReadingResumes() {
        // The consumer pauses reading once, at the second KEEPALIVE, as a session does when the RIB is full.
        ConnectionListener pausing = new ConnectionListener() {
            boolean paused;

            @Override
            public void onMessage(BgpMessage message) {
                listener.onMessage(message);
                if (!paused && messages().size() == 2) {
                    paused = true;
                    conn.setReading(false);
                }
            }

            @Override
            public void onProtocolError(NotificationMessage notification, String detail) {
                listener.onProtocolError(notification, detail);
            }

            @Override
            public void onReadComplete() {
                listener.onReadComplete();
            }

            @Override
            public void onWritabilityChanged(boolean writable) {
                listener.onWritabilityChanged(writable);
            }

            @Override
            public void onClosed(String reason) {
                listener.onClosed(reason);
            }
        };
        conn.start(pausing, thread);
        channel.runPendingTasks();
        // One read carrying five messages: the channel decodes them all, whatever autoRead says.
        ByteBuf b = Unpooled.buffer();
        for (int i = 0; i < 4; i++) {
            BgpEncoder.encode(KeepaliveMessage.INSTANCE, CodecOptions.OPEN_DEFAULTS, b);
        }
        BgpEncoder.encode(new NotificationMessage(NotificationMessage.CEASE, 2), CodecOptions.OPEN_DEFAULTS, b);
        channel.writeInbound(b);
        assertThat(messages()).as("nothing past the pause").hasSize(2);
        assertThat(channel.config().isAutoRead()).isFalse();

        events.clear();
        conn.setReading(true);
        channel.runPendingTasks();
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isInstanceOf(KeepaliveMessage.class);
        assertThat(events.get(1)).isInstanceOf(KeepaliveMessage.class);
        assertThat(events.get(2)).isInstanceOf(NotificationMessage.class);
        assertThat(events.get(3)).isEqualTo("read-complete");
        assertThat(channel.config().isAutoRead()).as("reading again once the held messages are through").isTrue();
    }

    @Test
    void aPauseWhileHeldMessagesAreHandedOverKeepsTheRestHeld() {
        conn.start(listener, thread);
        channel.runPendingTasks();
        conn.setReading(false);
        ByteBuf b = Unpooled.buffer();
        for (int i = 0; i < 3; i++) {
            BgpEncoder.encode(KeepaliveMessage.INSTANCE, CodecOptions.OPEN_DEFAULTS, b);
        }
        channel.writeInbound(b);
        assertThat(messages()).isEmpty();
        ConnectionListener oneThenPause = new ConnectionListener() {
            @Override
            public void onMessage(BgpMessage message) {
                listener.onMessage(message);
                conn.setReading(false);
            }

            @Override
            public void onProtocolError(NotificationMessage notification, String detail) {
            }

            @Override
            public void onReadComplete() {
                listener.onReadComplete();
            }

            @Override
            public void onWritabilityChanged(boolean writable) {
            }

            @Override
            public void onClosed(String reason) {
            }
        };
        conn.start(oneThenPause, thread);
        channel.runPendingTasks();
        assertThat(messages()).as("start hands over nothing held").isEmpty();
        conn.setReading(true);
        assertThat(messages()).hasSize(1);
        assertThat(channel.config().isAutoRead()).isFalse();
        conn.setReading(true);
        conn.setReading(true);
        assertThat(messages()).hasSize(3);
    }

    @Test
    void aMessageSplitAcrossReadsIsDecodedOnce() {
        conn.start(listener, thread);
        ByteBuf all = bytes(open(65002, List.of(new Capability.FourOctetAs(65002))), CodecOptions.OPEN_DEFAULTS);
        int half = all.readableBytes() / 2;
        channel.writeInbound(all.readRetainedSlice(7));
        channel.writeInbound(all.readRetainedSlice(half - 7));
        assertThat(messages()).isEmpty();
        channel.writeInbound(all);
        assertThat(messages()).hasSize(1).first().isInstanceOf(OpenMessage.class);
        assertThat(events).contains("read-complete");
    }

    @Test
    void aLengthOverTheLimitIsAHeaderErrorAndNothingAfterItIsDecoded() {
        conn.start(listener, thread);
        channel.runPendingTasks();
        ByteBuf b = Unpooled.buffer();
        for (int i = 0; i < 16; i++) {
            b.writeByte(0xFF);
        }
        b.writeShort(5000).writeByte(2);
        b.writeZero(200);
        b.writeBytes(bytes(KeepaliveMessage.INSTANCE, CodecOptions.OPEN_DEFAULTS));
        channel.writeInbound(b);
        assertThat(events).filteredOn(NotificationMessage.class::isInstance).singleElement()
                .satisfies(n -> {
                    NotificationMessage m = (NotificationMessage) n;
                    assertThat(m.code()).isEqualTo(NotificationMessage.MESSAGE_HEADER_ERROR);
                    assertThat(m.subcode()).isEqualTo(NotificationMessage.BAD_MESSAGE_LENGTH);
                });
        assertThat(messages()).isEmpty();
        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void theUpdateRightAfterTheOpenExchangeIsReadWithTheNegotiatedAddPath() {
        conn.start(listener, thread);
        List<Capability> caps = List.of(new Capability.FourOctetAs(65001),
                new Capability.AddPath(List.of(new Capability.AddPath.Entry(AddressFamily.IPV4_UNICAST,
                        Capability.AddPath.Direction.BOTH))));
        OpenMessage ours = open(65001, caps);
        OpenMessage theirs = open(65001, caps);
        conn.send(ours);
        channel.readOutbound();
        CodecOptions negotiated = CodecOptions.negotiate(theirs, ours);
        UpdateMessage withdraw = new UpdateMessage(List.of(new Ipv4Prefix(0x0A010000, 24, 7)), null, List.of(), null, null);
        ByteBuf in = bytes(theirs, CodecOptions.OPEN_DEFAULTS);
        in.writeBytes(bytes(KeepaliveMessage.INSTANCE, negotiated));
        in.writeBytes(bytes(withdraw, negotiated));
        channel.writeInbound(in);
        assertThat(messages()).hasSize(3);
        assertThat(((UpdateMessage) messages().get(2)).withdrawn()).containsExactly(new Ipv4Prefix(0x0A010000, 24, 7));
    }

    /** An UPDATE whose ORIGIN value is 5 (undefined): RFC 7606 treat-as-withdraw. */
    static ByteBuf badOrigin(List<dev.podbgp.bgp.wire.Prefix> nlri) {
        dev.podbgp.bgp.wire.PathAttributes a = dev.podbgp.bgp.wire.PathAttributes.builder()
                .origin(dev.podbgp.bgp.wire.Origin.IGP).asPath(dev.podbgp.bgp.wire.AsPath.sequence(65002))
                .nextHop(dev.podbgp.bgp.wire.Ipv4.toInet(0x0A000002)).build();
        ByteBuf b = bytes(UpdateMessage.announce(a, nlri), CodecOptions.OPEN_DEFAULTS);
        // Header 19, withdrawn length 2, attribute length 2, then ORIGIN: flags, type 1, length 1, value.
        assertThat(b.getByte(19 + 2 + 2 + 1)).isEqualTo((byte) 1);
        b.setByte(19 + 2 + 2 + 3, 5);
        return b;
    }

    @Test
    void treatAsWithdrawReachesTheSessionAsAWithdrawalAndAnEmptyOneNotAtAll() {
        conn.start(listener, thread);
        channel.runPendingTasks();
        channel.writeInbound(badOrigin(List.of(new Ipv4Prefix(0x0A010000, 24))));
        assertThat(messages()).singleElement().satisfies(m ->
                assertThat(((UpdateMessage) m).withdrawn()).containsExactly(new Ipv4Prefix(0x0A010000, 24)));
        channel.writeInbound(badOrigin(List.of()));
        assertThat(messages()).hasSize(1);
    }

    @Test
    void sentMessagesLeaveAsBgpBytes() {
        conn.start(listener, thread);
        conn.send(KeepaliveMessage.INSTANCE);
        ByteBuf out = channel.readOutbound();
        assertThat(out.readableBytes()).isEqualTo(19);
        assertThat(out.getByte(18)).isEqualTo((byte) 4);
        out.release();
    }

    /** Every message in a buffer written to the wire, in order; releases the buffer. */
    static List<BgpMessage> decodeAll(ByteBuf out) {
        List<BgpMessage> messages = new ArrayList<>();
        while (out.isReadable()) {
            ByteBuf frame = out.readSlice(dev.podbgp.bgp.wire.BgpDecoder.frameLength(out, CodecOptions.OPEN_DEFAULTS));
            messages.add(((dev.podbgp.bgp.wire.DecodeResult.Decoded) dev.podbgp.bgp.wire.BgpDecoder.decode(frame,
                    CodecOptions.OPEN_DEFAULTS)).message());
        }
        out.release();
        return messages;
    }

    @Test
    void aListLeavesInOneBufferAndAMessageTheEncoderRefusesIsLeftOut() {
        conn.start(listener, thread);
        channel.runPendingTasks();
        dev.podbgp.bgp.wire.PathAttributes a = dev.podbgp.bgp.wire.PathAttributes.builder()
                .origin(dev.podbgp.bgp.wire.Origin.IGP).asPath(dev.podbgp.bgp.wire.AsPath.sequence(65002))
                .nextHop(dev.podbgp.bgp.wire.Ipv4.toInet(0x0A000002)).build();
        int[] many = new int[1100];
        for (int i = 0; i < many.length; i++) {
            many[i] = 65000 << 16 | i;
        }
        // 4,400 bytes of COMMUNITIES: over the 4,096 a session without extended messages may send.
        dev.podbgp.bgp.wire.PathAttributes tooBig = a.toBuilder()
                .communities(dev.podbgp.bgp.wire.Communities.of(many)).build();
        UpdateMessage first = UpdateMessage.announce(a, List.of(new Ipv4Prefix(0x0A010000, 24)));
        UpdateMessage refused = UpdateMessage.announce(tooBig, List.of(new Ipv4Prefix(0x0A020000, 24)));
        UpdateMessage last = UpdateMessage.announce(a, List.of(new Ipv4Prefix(0x0A030000, 24)));
        List<BgpMessage> batch = new ArrayList<>(List.of(first, refused, KeepaliveMessage.INSTANCE, last));
        conn.send(batch);
        batch.clear();

        ByteBuf out = channel.readOutbound();
        assertThat((Object) channel.readOutbound()).as("one buffer for the whole list").isNull();
        List<BgpMessage> sent = decodeAll(out);
        assertThat(sent).containsExactly(first, KeepaliveMessage.INSTANCE, last);
        assertThat(channel.isActive()).as("a refused message does not close the session").isTrue();
    }

    @Test
    void aLongListLeavesInBatchesOfBoundedSizeInOrder() {
        conn.start(listener, thread);
        channel.runPendingTasks();
        List<BgpMessage> list = new ArrayList<>();
        for (int i = 0; i < NettyConnection.BATCH_MESSAGES + 10; i++) {
            list.add(UpdateMessage.endOfRib(i % 2 == 0 ? AddressFamily.IPV4_UNICAST : AddressFamily.IPV6_UNICAST));
        }
        conn.send(list);
        List<Integer> perBuffer = new ArrayList<>();
        List<BgpMessage> sent = new ArrayList<>();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            List<BgpMessage> inBuffer = decodeAll(out);
            perBuffer.add(inBuffer.size());
            sent.addAll(inBuffer);
        }
        assertThat(perBuffer).containsExactly(NettyConnection.BATCH_MESSAGES, 10);
        assertThat(sent).isEqualTo(list);
    }

    @Test
    void closingIsReported() {
        conn.start(listener, thread);
        channel.close();
        channel.runPendingTasks();
        assertThat(events).contains("closed");
    }

    @Test
    void aConnectionClosedBeforeTheSessionTookItIsReportedOnStart() {
        channel.close();
        conn.start(listener, thread);
        channel.runPendingTasks();
        assertThat(events).containsExactly("closed");
    }

    @Test
    void dynamicRangesMatchByPrefix() throws Exception {
        PeerConfig t = PeerSessionTest.config().build();
        DynamicRange r = DynamicRange.of("nodes", "10.20.0.0/16", t, 100);
        assertThat(r.contains(java.net.InetAddress.getByName("10.20.255.1"))).isTrue();
        assertThat(r.contains(java.net.InetAddress.getByName("10.21.0.1"))).isFalse();
        assertThat(r.contains(java.net.InetAddress.getByName("2001:db8::1"))).isFalse();
        DynamicRange v6 = DynamicRange.of("v6", "2001:db8:1::/48", t, 1);
        assertThat(v6.contains(java.net.InetAddress.getByName("2001:db8:1:ffff::9"))).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DynamicRange.of("bad", "10.20.0.1/16", t, 1))
                .hasMessageContaining("host bits");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DynamicRange.of("bad", "nodes.example/16", t, 1))
                .hasMessageContaining("not an IP address");
    }
}
