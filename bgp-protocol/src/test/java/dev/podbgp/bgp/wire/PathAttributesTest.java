package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The attribute set as a value: every attribute reads back as built, whichever of them share the set's
 * holder of rarely present attributes; any one attribute that differs makes the sets unequal; a copy with
 * another next hop keeps all the rest.
 */
class PathAttributesTest {
    private static Inet4Address v4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static PathAttributes.Builder everything() {
        return PathAttributes.builder()
                .origin(Origin.EGP)
                .asPath(AsPath.sequence(65001, 65002))
                .nextHop(v4("192.0.2.1"))
                .med(7L)
                .localPref(200L)
                .atomicAggregate(true)
                .aggregator(new Aggregator(65003, 0x0A000001))
                .communities(Communities.of(Communities.NO_EXPORT))
                .originatorId(0x0A000002)
                .clusterList(ClusterList.of(1, 2))
                .extendedCommunities(ExtendedCommunities.of(0x0002FDE800000001L))
                .largeCommunities(List.of(new LargeCommunity(65000, 1, 2)))
                .unknown(List.of(new UnknownAttribute(0xC0, 99, new byte[] {1, 2, 3})));
    }

    @Test
    void everyAttributeReadsBackAsBuiltAndThroughACopy() {
        PathAttributes a = everything().build();
        for (PathAttributes p : List.of(a, a.toBuilder().build())) {
            assertThat(p.origin()).isEqualTo(Origin.EGP);
            assertThat(p.asPath()).isEqualTo(AsPath.sequence(65001, 65002));
            assertThat(p.nextHop()).isEqualTo(v4("192.0.2.1"));
            assertThat(p.med()).isEqualTo(7L);
            assertThat(p.localPref()).isEqualTo(200L);
            assertThat(p.atomicAggregate()).isTrue();
            assertThat(p.aggregator()).isEqualTo(new Aggregator(65003, 0x0A000001));
            assertThat(p.communities()).isEqualTo(Communities.of(Communities.NO_EXPORT));
            assertThat(p.originatorId()).isEqualTo(0x0A000002);
            assertThat(p.clusterList()).isEqualTo(ClusterList.of(1, 2));
            assertThat(p.extendedCommunities()).isEqualTo(ExtendedCommunities.of(0x0002FDE800000001L));
            assertThat(p.largeCommunities()).containsExactly(new LargeCommunity(65000, 1, 2));
            assertThat(p.unknown()).hasSize(1);
            assertThat(p.unknown().get(0).typeCode()).isEqualTo(99);
            assertThat(p).isEqualTo(a).hasSameHashCodeAs(a);
        }
        assertThat(a.toString()).contains("aggregator=65003 10.0.0.1", "originatorId=167772162", "med=7", "unknown=[attr99");
    }

    @Test
    void absentAttributesReadAsNullOrEmpty() {
        PathAttributes none = new PathAttributes(null, null, null, null, null, false, null, null, null, null, null,
                null, null);
        assertThat(none).isEqualTo(PathAttributes.NONE).hasSameHashCodeAs(PathAttributes.NONE);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.origin()).isNull();
        assertThat(none.asPath()).isNull();
        assertThat(none.med()).isNull();
        assertThat(none.atomicAggregate()).isFalse();
        assertThat(none.aggregator()).isNull();
        assertThat(none.originatorId()).isNull();
        assertThat(none.communities()).isSameAs(Communities.EMPTY);
        assertThat(none.clusterList()).isSameAs(ClusterList.EMPTY);
        assertThat(none.extendedCommunities()).isSameAs(ExtendedCommunities.EMPTY);
        assertThat(none.largeCommunities()).isEmpty();
        assertThat(none.unknown()).isEmpty();
        assertThat(PathAttributes.builder().origin(Origin.IGP).build().isEmpty()).isFalse();
    }

    @Test
    void anyOneAttributeThatDiffersMakesTheSetsUnequal() {
        PathAttributes base = everything().build();
        List<UnaryOperator<PathAttributes.Builder>> changes = List.of(
                b -> b.origin(Origin.IGP),
                b -> b.asPath(AsPath.sequence(65001)),
                b -> b.nextHop(v4("192.0.2.9")),
                b -> b.med(8L),
                b -> b.med(null),
                b -> b.localPref(100L),
                b -> b.atomicAggregate(false),
                b -> b.aggregator(null),
                b -> b.communities(Communities.EMPTY),
                b -> b.originatorId(null),
                b -> b.clusterList(ClusterList.of(1)),
                b -> b.extendedCommunities(ExtendedCommunities.EMPTY),
                b -> b.largeCommunities(List.of()),
                b -> b.unknown(List.of()));
        for (int i = 0; i < changes.size(); i++) {
            PathAttributes changed = changes.get(i).apply(base.toBuilder()).build();
            assertThat(changed).as("change %d", i).isNotEqualTo(base);
            assertThat(base).as("change %d", i).isNotEqualTo(changed);
            assertThat(changes.get(i).apply(base.toBuilder()).build()).as("change %d rebuilt", i)
                    .isEqualTo(changed).hasSameHashCodeAs(changed);
        }
        // Only the rarely present attributes: sets that lack all of them and sets that carry one.
        PathAttributes plain = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001)).build();
        assertThat(plain.toBuilder().atomicAggregate(true).build()).isNotEqualTo(plain);
        assertThat(plain.toBuilder().atomicAggregate(true).build().toBuilder().atomicAggregate(false).build())
                .isEqualTo(plain).hasSameHashCodeAs(plain);
    }

    @Test
    void anotherNextHopKeepsEverythingElse() {
        PathAttributes a = everything().build();
        assertThat(a.withNextHop(a.nextHop())).isSameAs(a);
        PathAttributes moved = a.withNextHop(v4("198.51.100.1"));
        assertThat(moved.nextHop()).isEqualTo(v4("198.51.100.1"));
        assertThat(moved).isEqualTo(everything().nextHop(v4("198.51.100.1")).build());
        assertThat(a.withNextHop(null).nextHop()).isNull();
    }

    @Test
    void medAndLocalPrefMustBeUnsigned32Bit() {
        assertThatThrownBy(() -> PathAttributes.builder().med(-1L).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MULTI_EXIT_DISC -1");
        assertThatThrownBy(() -> PathAttributes.builder().localPref(0x1_0000_0000L).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOCAL_PREF 4294967296");
        assertThat(PathAttributes.builder().med(0xFFFF_FFFFL).build().med()).isEqualTo(0xFFFF_FFFFL);
    }
}
