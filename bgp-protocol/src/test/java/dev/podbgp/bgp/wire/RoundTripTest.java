package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * decode(encode(x)) == x for seeded random messages of every kind, under the
 * session settings that change the wire form. Each run draws a new base seed
 * (or takes {@code -Dpodbgp.seed=N}); a failure names the seed of the case, so
 * {@code -Dpodbgp.seed=<seed> -Dpodbgp.cases=1} replays exactly that case.
 */
class RoundTripTest {
    private static final long BASE_SEED = Long.getLong("podbgp.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("podbgp.cases", 400);

    private static final Set<AddressFamily> BOTH =
            Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
    private static final CodecOptions BASE = new CodecOptions(true, false, true, BOTH, Set.of(), Set.of(),
            Set.of(AddressFamily.IPV4_UNICAST));

    static Stream<Arguments> sessions() {
        return Stream.of(
                Arguments.of("4-octet AS, iBGP, RFC 8950", BASE),
                Arguments.of("2-octet AS with AS4_PATH, eBGP", BASE.withFourOctetAs(false).withIbgp(false)
                        .withExtendedNextHop(Set.of())),
                Arguments.of("2-octet AS with AS4_PATH, iBGP (confederations)", BASE.withFourOctetAs(false)),
                Arguments.of("ADD-PATH both families, eBGP", BASE.withIbgp(false).withAddPath(BOTH, BOTH)),
                Arguments.of("ADD-PATH IPv4 only, extended message", BASE.withExtendedMessage(true)
                        .withAddPath(Set.of(AddressFamily.IPV4_UNICAST), Set.of(AddressFamily.IPV4_UNICAST))),
                Arguments.of("2-octet AS, ADD-PATH, extended message, eBGP", BASE.withFourOctetAs(false)
                        .withIbgp(false).withExtendedMessage(true).withAddPath(BOTH, BOTH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void updates(String name, CodecOptions options) {
        Set<String> seen = new TreeSet<>();
        roundTrips(options, r -> {
            UpdateMessage m = r.update(options);
            seen.addAll(Features.of(m, options));
            if (encodedLength(m, options) > CodecOptions.MAX_MESSAGE_LENGTH) {
                seen.add("over 4096 bytes");
            }
            return m;
        });
        // The generator must have reached every kind, or the round trip proved less than it claims.
        List<String> wanted = new ArrayList<>(List.of("ORIGIN", "AS_PATH", "AS_SET", "NEXT_HOP", "MED",
                "LOCAL_PREF", "ATOMIC_AGGREGATE", "AGGREGATOR", "COMMUNITIES", "ORIGINATOR_ID", "CLUSTER_LIST",
                "EXTENDED_COMMUNITIES", "LARGE_COMMUNITY", "unknown transitive", "extended length",
                "IPv4 NLRI", "IPv4 withdrawn", "MP_REACH IPv6", "MP_REACH IPv6 link-local", "MP_REACH IPv4",
                "MP_UNREACH IPv4", "MP_UNREACH IPv6", "End-of-RIB IPv4", "End-of-RIB MP"));
        if (options.ibgp()) {
            wanted.add("confederation");
        }
        if (!options.fourOctetAs()) {
            wanted.add("AS4_PATH");
            wanted.add("AS4_AGGREGATOR");
        }
        if (options.allowsIpv6NextHop(AddressFamily.IPV4_UNICAST)) {
            wanted.add("MP_REACH IPv4 over IPv6");
        }
        if (options.extendedMessage()) {
            wanted.add("over 4096 bytes");
        }
        assertThat(seen).as("kinds generated in %d UPDATEs (base seed %d)", CASES, BASE_SEED).containsAll(wanted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void opens(String name, CodecOptions options) {
        Set<Integer> codes = new TreeSet<>();
        roundTrips(options, r -> {
            OpenMessage m = r.open();
            m.capabilities().forEach(c -> codes.add(c instanceof Capability.Unknown ? -1 : c.code()));
            return m;
        });
        Set<Integer> wanted = new TreeSet<>(List.of(-1));
        for (int code : RandomBgp.TYPED_CAPABILITIES) {
            wanted.add(code);
        }
        assertThat(codes).as("capability codes generated (-1: unknown)").containsAll(wanted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void notificationsKeepalivesAndRouteRefreshes(String name, CodecOptions options) {
        Set<Integer> subtypes = new TreeSet<>();
        roundTrips(options, RandomBgp::notification);
        roundTrips(options, r -> KeepaliveMessage.INSTANCE);
        roundTrips(options, r -> {
            RouteRefreshMessage m = r.routeRefresh();
            subtypes.add(m.subtype());
            return m;
        });
        assertThat(subtypes).containsExactly(RouteRefreshMessage.REQUEST, RouteRefreshMessage.BEGIN_OF_RIB_REFRESH,
                RouteRefreshMessage.END_OF_RIB_REFRESH);
    }

    static int encodedLength(BgpMessage m, CodecOptions options) {
        ByteBuf buf = Unpooled.buffer();
        try {
            BgpEncoder.encode(m, options, buf);
            return buf.readableBytes();
        } finally {
            buf.release();
        }
    }

    /** {@link #CASES} messages from {@code make}, each encoded, framed, decoded and compared. */
    private static void roundTrips(CodecOptions options, Function<RandomBgp, BgpMessage> make) {
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i * 0x9E3779B97F4A7C15L;
            BgpMessage sent = make.apply(new RandomBgp(seed));
            roundTrip(sent, options, "seed " + seed + " (rerun: -Dpodbgp.seed=" + seed + " -Dpodbgp.cases=1)");
        }
    }

    static void roundTrip(BgpMessage sent, CodecOptions options, String where) {
        ByteBuf buf = Unpooled.buffer();
        try {
            BgpEncoder.encode(sent, options, buf);
            String context = where + "\nsent    " + sent + "\nencoded " + ByteBufUtil.hexDump(buf);
            assertThat(buf.readableBytes()).as(context).isLessThanOrEqualTo(BgpEncoder.maxLength(sent.type(), options));
            assertThat(BgpDecoder.frameLength(buf, options)).as(context).isEqualTo(buf.readableBytes());
            DecodeResult result = BgpDecoder.decode(buf, options);
            assertThat(result).as(context).isInstanceOf(DecodeResult.Decoded.class);
            DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
            assertThat(decoded.message()).as(context).isEqualTo(expectedAfterDecode(sent, options));
            assertThat(decoded.issues()).as(context)
                    .allMatch(issue -> issue.typeCode() == AttributeType.LOCAL_PREF && !options.ibgp());
        } finally {
            buf.release();
        }
    }

    /**
     * What a correct decoder returns for what we sent: unknown optional
     * transitive attributes gain the Partial bit (RFC 4271 §5), and LOCAL_PREF
     * from an external peer is disregarded (RFC 4271 §5.1.5, RFC 7606 §7.5).
     */
    static BgpMessage expectedAfterDecode(BgpMessage sent, CodecOptions options) {
        if (!(sent instanceof UpdateMessage u)) {
            return sent;
        }
        PathAttributes a = u.attributes();
        PathAttributes.Builder b = a.toBuilder();
        if (!options.ibgp()) {
            b.localPref(null);
        }
        List<UnknownAttribute> unknown = new ArrayList<>();
        for (UnknownAttribute x : a.unknown()) {
            unknown.add(new UnknownAttribute(x.flags() | 0x20, x.typeCode(), x.value()));
        }
        b.unknown(unknown);
        return new UpdateMessage(u.withdrawn(), b.build(), u.nlri(), u.mpReach(), u.mpUnreach());
    }
}
