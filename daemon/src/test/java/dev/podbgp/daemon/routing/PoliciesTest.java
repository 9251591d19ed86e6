package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.conf.Community;
import dev.podbgp.conf.IpPrefix;
import dev.podbgp.conf.PolicyAction;
import dev.podbgp.conf.PrefixFilter;
import dev.podbgp.conf.RouteActions;
import dev.podbgp.conf.RoutePolicy;
import dev.podbgp.rib.policy.Policy;
import dev.podbgp.rib.policy.RouteSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The RIB's policy decides like conf's {@link RoutePolicy#evaluate} for every case of the rule. */
class PoliciesTest {
    private static final PathAttributes PLAIN = PathAttributes.builder().origin(Origin.IGP)
            .asPath(AsPath.sequence(65000)).build();
    private static final Community TAG = Community.parse("65000:100");

    private static PathAttributes tagged() {
        return PLAIN.toBuilder().communities(Communities.of(TAG.value())).build();
    }

    private static PathAttributes apply(Policy p, String prefix, PathAttributes a) {
        return p.apply(Prefix.parse(prefix), a, RouteSource.EBGP, false);
    }

    @Test
    void rejectFiltersWinOverAcceptFilters() {
        RoutePolicy conf = new RoutePolicy(List.of(PrefixFilter.parse("0.0.0.0/0 le 32")),
                List.of(PrefixFilter.parse("10.244.0.0/16 le 32")), List.of(), PolicyAction.REJECT, RouteActions.NONE);
        Policy p = Policies.policy("t", conf);
        assertThat(apply(p, "10.244.3.0/24", PLAIN)).isNull();
        assertThat(apply(p, "198.51.100.0/24", PLAIN)).isEqualTo(PLAIN);
    }

    @Test
    void prefixAndCommunityMustBothMatchThenSetApplies() {
        RouteActions set = new RouteActions(OptionalLong.of(200), OptionalLong.of(5), List.of(Community.parse("64512:1")),
                0);
        RoutePolicy conf = new RoutePolicy(List.of(PrefixFilter.parse("0.0.0.0/0")), List.of(), List.of(TAG),
                PolicyAction.REJECT, set);
        Policy p = Policies.policy("t", conf);
        assertThat(apply(p, "0.0.0.0/0", PLAIN)).as("untagged default route").isNull();
        assertThat(apply(p, "198.51.100.0/24", tagged())).as("tagged, other prefix").isNull();
        PathAttributes out = apply(p, "0.0.0.0/0", tagged());
        assertThat(out.localPref()).isEqualTo(200L);
        assertThat(out.med()).isEqualTo(5L);
        assertThat(out.communities().toArray()).containsExactlyInAnyOrder(TAG.value(),
                Community.parse("64512:1").value());
        // conf agrees on every case
        assertThat(conf.permits(IpPrefix.parse("0.0.0.0/0"), List.of())).isFalse();
        assertThat(conf.permits(IpPrefix.parse("0.0.0.0/0"), List.of(TAG))).isTrue();
    }

    @Test
    void defaultAcceptAlsoAppliesSet() {
        RoutePolicy conf = new RoutePolicy(List.of(), List.of(), List.of(), PolicyAction.ACCEPT,
                new RouteActions(OptionalLong.empty(), OptionalLong.of(7), List.of(), 0));
        assertThat(apply(Policies.policy("t", conf), "192.0.2.0/24", PLAIN).med()).isEqualTo(7L);
    }

    @Test
    void safeDefaultsRejectEverythingOnImportAndExportOnlyOwnPrefixes() {
        assertThat(apply(Policies.policy("t", RoutePolicy.REJECT_ALL), "0.0.0.0/0", PLAIN)).isNull();
        Policy export = Policies.policy("t", RoutePolicy.exactly(List.of(IpPrefix.parse("10.244.1.0/24"))));
        assertThat(apply(export, "10.244.1.0/24", PLAIN)).isEqualTo(PLAIN);
        assertThat(apply(export, "10.244.1.0/25", PLAIN)).isNull();
        assertThat(apply(export, "10.244.2.0/24", PLAIN)).isNull();
    }
}
