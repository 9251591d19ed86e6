package dev.podbgp.rib.policy;

import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTest {
    private static final PathAttributes A = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.EMPTY).build();

    @Test
    void aPolicyRejectsEverythingOnlyWhenNoTermNorTheDefaultAccepts() {
        Match all = new Match(List.of(PrefixRange.parse("0.0.0.0/0 le 32")), java.util.Set.of(), java.util.Set.of(), false);
        assertThat(Policy.REJECT_ALL.rejectsEverything()).isTrue();
        assertThat(new Policy("reject", List.of(new Policy.Term(all, Action.REJECT)), Action.REJECT).rejectsEverything())
                .isTrue();
        assertThat(Policy.ACCEPT_ALL.rejectsEverything()).isFalse();
        assertThat(Policy.DEFAULT_EXPORT.rejectsEverything()).as("own routes go out").isFalse();
        // The IPv4 term rejects, but an IPv6 route would reach the default.
        assertThat(new Policy("v4 only", List.of(new Policy.Term(all, Action.REJECT)), Action.ACCEPT).rejectsEverything())
                .isFalse();
    }

    @Test
    void prefixRangeWithLe() {
        PrefixRange r = PrefixRange.parse("10.244.0.0/16 le 26");
        assertThat(r.matches(Prefix.parse("10.244.0.0/16"))).isTrue();
        assertThat(r.matches(Prefix.parse("10.244.7.0/24"))).isTrue();
        assertThat(r.matches(Prefix.parse("10.244.7.64/26"))).isTrue();
        assertThat(r.matches(Prefix.parse("10.244.7.64/27"))).isFalse();
        assertThat(r.matches(Prefix.parse("10.245.0.0/24"))).isFalse();
        assertThat(r.matches(Prefix.parse("10.0.0.0/8"))).isFalse();
        assertThat(r.matches(Prefix.parse("2001:db8::/64"))).isFalse();
        assertThat(r.toString()).isEqualTo("10.244.0.0/16 le 26");
    }

    @Test
    void prefixRangeExactGeAndIpv6() {
        assertThat(PrefixRange.parse("0.0.0.0/0").matches(Prefix.parse("0.0.0.0/0"))).isTrue();
        assertThat(PrefixRange.parse("0.0.0.0/0").matches(Prefix.parse("10.0.0.0/8"))).isFalse();
        PrefixRange ge = PrefixRange.parse("10.0.0.0/8 ge 24");
        assertThat(ge.le()).isEqualTo(32);
        assertThat(ge.matches(Prefix.parse("10.1.2.0/24"))).isTrue();
        assertThat(ge.matches(Prefix.parse("10.1.0.0/16"))).isFalse();
        PrefixRange v6 = PrefixRange.parse("2001:db8::/32 ge 48 le 64");
        assertThat(v6.matches(Prefix.parse("2001:db8:1:2::/64"))).isTrue();
        assertThat(v6.matches(Prefix.parse("2001:db9::/48"))).isFalse();
        assertThat(v6.matches(Prefix.parse("10.0.0.0/8"))).isFalse();
    }

    @Test
    void badRangesSayWhatIsWrong() {
        assertThatThrownBy(() -> PrefixRange.parse("10.244.0.0/16 le 12")).hasMessageContaining("10.244.0.0/16 le 12")
                .hasMessageContaining("ge <= le");
        assertThatThrownBy(() -> PrefixRange.parse("10.244.0.1/16")).hasMessageContaining("host bits");
        assertThatThrownBy(() -> PrefixRange.parse("10.244.0.0/16 lt 20")).hasMessageContaining("\"lt\"");
        assertThatThrownBy(() -> PrefixRange.parse("10.244.0.0/16 le x")).hasMessageContaining("\"x\" is not a length");
        assertThatThrownBy(() -> PrefixRange.parse("10.244.0.0/16 le")).hasMessageContaining("expected PREFIX");
        assertThatThrownBy(() -> PrefixRange.parse("10.0.0.0/8 le 33")).hasMessageContaining("32");
    }

    @Test
    void firstMatchingTermDecidesElseTheDefault() {
        int tag = Communities.parse("65000:1");
        Policy p = new Policy("p", List.of(
                new Policy.Term(Match.community(tag), Action.REJECT),
                new Policy.Term(Match.prefixes(PrefixRange.parse("10.244.0.0/16 le 24")), Action.ACCEPT.withLocalPref(50))),
                Action.REJECT);
        Prefix inside = Prefix.parse("10.244.1.0/24");
        assertThat(p.apply(inside, A, RouteSource.IBGP, false).localPref()).isEqualTo(50L);
        assertThat(p.apply(inside, A.toBuilder().communities(Communities.of(tag)).build(), RouteSource.IBGP, false)).isNull();
        assertThat(p.apply(Prefix.parse("192.168.0.0/24"), A, RouteSource.IBGP, false)).isNull();
        assertThat(Policy.ACCEPT_ALL.apply(inside, A, RouteSource.EBGP, false)).isSameAs(A);
    }

    @Test
    void communitiesAreAddedAndRemoved() {
        int a = Communities.parse("65000:1");
        int b = Communities.parse("65000:2");
        PathAttributes in = A.toBuilder().communities(Communities.of(a)).build();
        PathAttributes out = new Policy("c", List.of(), Action.ACCEPT.removingCommunities(a).addingCommunities(b))
                .apply(Prefix.parse("10.0.0.0/8"), in, RouteSource.LOCAL, false);
        assertThat(out.communities()).isEqualTo(Communities.of(b));
    }

    @Test
    void defaultExportAcceptsOwnAndReflectedRoutesOnly() {
        Prefix x = Prefix.parse("10.244.1.0/24");
        assertThat(Policy.DEFAULT_EXPORT.apply(x, A, RouteSource.LOCAL, false)).isNotNull();
        assertThat(Policy.DEFAULT_EXPORT.apply(x, A, RouteSource.IBGP, true)).isNotNull();
        assertThat(Policy.DEFAULT_EXPORT.apply(x, A, RouteSource.IBGP, false)).isNull();
        assertThat(Policy.DEFAULT_EXPORT.apply(x, A, RouteSource.EBGP, false)).isNull();
        assertThat(Policy.DEFAULT_EBGP_IMPORT.apply(Prefix.parse("0.0.0.0/0"), A, RouteSource.EBGP, false)).isNull();
    }

    @Test
    void actionValuesAreChecked() {
        assertThatThrownBy(() -> Action.ACCEPT.withLocalPref(-1)).hasMessageContaining("LOCAL_PREF to -1");
        assertThatThrownBy(() -> Action.ACCEPT.withMed(1L << 32)).hasMessageContaining("MED");
    }
}
