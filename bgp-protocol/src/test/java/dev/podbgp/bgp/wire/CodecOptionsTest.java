package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podbgp.bgp.wire.Capability.AddPath.Direction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodecOptionsTest {
    private static final AddressFamily V4 = AddressFamily.IPV4_UNICAST;
    private static final AddressFamily V6 = AddressFamily.IPV6_UNICAST;

    private static Capability addPath(AddressFamily f, Direction d) {
        return new Capability.AddPath(List.of(new Capability.AddPath.Entry(f, d)));
    }

    @Test
    void negotiatesWhatBothSidesSent() {
        OpenMessage ours = OpenMessage.of(65001, 90, 1, List.of(
                new Capability.Multiprotocol(V4), new Capability.Multiprotocol(V6),
                new Capability.FourOctetAs(65001), new Capability.ExtendedMessage(),
                addPath(V4, Direction.BOTH), addPath(V6, Direction.RECEIVE),
                new Capability.ExtendedNextHop(List.of(new Capability.ExtendedNextHop.Entry(V4, 2)))));
        OpenMessage theirs = OpenMessage.of(65002, 90, 2, List.of(
                new Capability.Multiprotocol(V4), new Capability.FourOctetAs(65002),
                addPath(V4, Direction.SEND), addPath(V6, Direction.BOTH),
                new Capability.ExtendedNextHop(List.of(new Capability.ExtendedNextHop.Entry(V4, 2)))));
        CodecOptions o = CodecOptions.negotiate(ours, theirs);
        assertThat(o.fourOctetAs()).isTrue();
        assertThat(o.extendedMessage()).isFalse();
        assertThat(o.maxMessageLength()).isEqualTo(4096);
        assertThat(o.families()).containsExactly(V4);
        // RFC 7911 §4: we receive where we said receive and they said send; they cannot receive, so we send none.
        assertThat(o.addPathReceive()).containsExactly(V4);
        assertThat(o.addPathSend()).isEmpty();
        assertThat(o.extendedNextHop()).containsExactly(V4);
        assertThat(o.ibgp()).isFalse();
    }

    @Test
    void withoutMultiprotocolCapabilitiesOnlyIpv4UnicastIsCarried() {
        OpenMessage plain = OpenMessage.of(65001, 90, 1, List.of());
        CodecOptions o = CodecOptions.negotiate(plain, plain);
        assertThat(o.families()).containsExactly(V4);
        assertThat(o.fourOctetAs()).isFalse();
        assertThat(o.ibgp()).isTrue();
    }

    @Test
    void sendDirectionNeedsThePeerToReceive() {
        OpenMessage ours = OpenMessage.of(4200000001L, 90, 1, List.of(new Capability.Multiprotocol(V6),
                new Capability.FourOctetAs((int) 4200000001L), addPath(V6, Direction.SEND),
                new Capability.ExtendedMessage()));
        OpenMessage theirs = OpenMessage.of(4200000001L, 90, 2, List.of(new Capability.Multiprotocol(V6),
                new Capability.FourOctetAs((int) 4200000001L), addPath(V6, Direction.RECEIVE),
                new Capability.ExtendedMessage()));
        CodecOptions o = CodecOptions.negotiate(ours, theirs);
        assertThat(o.addPathSend()).containsExactly(V6);
        assertThat(o.addPathReceive()).isEmpty();
        assertThat(o.maxMessageLength()).isEqualTo(65535);
        assertThat(o.ibgp()).isTrue();
        assertThat(o.sendsPathIds(V6)).isTrue();
        assertThat(o.receivesPathIds(V6)).isFalse();
    }

    @Test
    void openDefaultsAreTheStrictestReading() {
        CodecOptions d = CodecOptions.OPEN_DEFAULTS;
        assertThat(d.maxMessageLength()).isEqualTo(4096);
        assertThat(d.fourOctetAs()).isFalse();
        assertThat(d.ibgp()).isFalse();
        assertThat(d.families()).isEqualTo(Set.of(V4));
    }
}
