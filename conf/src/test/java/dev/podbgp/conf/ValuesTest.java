package dev.podbgp.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The value types the file is made of. */
class ValuesTest {

    private static IpPrefix p(String s) {
        return IpPrefix.parse(s);
    }

    @Test
    void prefixFilterMatchesLikeAPrefixList() {
        PrefixFilter le = PrefixFilter.parse("10.244.0.0/16 le 26");
        assertThat(le.matches(p("10.244.0.0/16"))).isTrue();
        assertThat(le.matches(p("10.244.7.0/24"))).isTrue();
        assertThat(le.matches(p("10.244.7.64/26"))).isTrue();
        assertThat(le.matches(p("10.244.7.64/27"))).isFalse();
        assertThat(le.matches(p("10.245.0.0/24"))).isFalse();
        assertThat(le.matches(p("10.0.0.0/8"))).isFalse();

        PrefixFilter exact = PrefixFilter.parse("10.244.1.0/24");
        assertThat(exact.matches(p("10.244.1.0/24"))).isTrue();
        assertThat(exact.matches(p("10.244.1.0/25"))).isFalse();

        PrefixFilter ge = PrefixFilter.parse("10.0.0.0/8 ge 24");
        assertThat(ge.matches(p("10.1.2.0/24"))).isTrue();
        assertThat(ge.matches(p("10.1.2.3/32"))).isTrue();
        assertThat(ge.matches(p("10.1.0.0/16"))).isFalse();

        PrefixFilter all4 = PrefixFilter.parse("0.0.0.0/0 le 32");
        assertThat(all4.matches(p("192.0.2.0/24"))).isTrue();
        assertThat(all4.matches(p("2001:db8::/32"))).isFalse();
        assertThat(PrefixFilter.parse("::/0 le 128").matches(p("2001:db8::/32"))).isTrue();
    }

    @Test
    void prefixFilterPrintsWhatItParses() {
        for (String s : List.of("10.244.0.0/16", "10.244.0.0/16 le 26", "10.0.0.0/8 ge 24", "10.0.0.0/8 ge 24 le 28",
                "0.0.0.0/0 le 32", "::/0 le 128", "fd00::/8 ge 48 le 64")) {
            assertThat(PrefixFilter.parse(s)).hasToString(s);
            assertThat(PrefixFilter.parse(PrefixFilter.parse(s).toString())).isEqualTo(PrefixFilter.parse(s));
        }
        assertThat(PrefixFilter.parse("10.0.0.0/8 le 28 ge 24")).isEqualTo(PrefixFilter.parse("10.0.0.0/8 ge 24 le 28"));
        assertThatThrownBy(() -> PrefixFilter.parse("10.0.0.0/8 le 24 le 25")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void routePolicyOrder() {
        RoutePolicy policy = new RoutePolicy(List.of(PrefixFilter.parse("0.0.0.0/0 le 32")),
                List.of(PrefixFilter.parse("10.244.0.0/16 le 32")), List.of(Community.parse("65000:100")),
                PolicyAction.REJECT, RouteActions.NONE);
        Set<Community> tagged = Set.of(Community.parse("65000:100"));
        assertThat(policy.permits(p("192.0.2.0/24"), tagged)).isTrue();
        assertThat(policy.permits(p("192.0.2.0/24"), Set.of())).isFalse();
        assertThat(policy.permits(p("10.244.3.0/24"), tagged)).isFalse();
        assertThat(RoutePolicy.ACCEPT_ALL.permits(p("10.244.3.0/24"), Set.of())).isTrue();
        assertThat(RoutePolicy.REJECT_ALL.rejectsEverything()).isTrue();
    }

    @Test
    void ipAddressesAreLiteralsOnly() {
        assertThat(IpAddresses.format(IpAddresses.parse("2001:DB8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddresses.format(IpAddresses.parse("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpAddresses.format(IpAddresses.parse("::"))).isEqualTo("::");
        assertThat(IpAddresses.format(IpAddresses.parse("fe80::"))).isEqualTo("fe80::");
        for (String bad : List.of("localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "::g",
                "fe80::1%1", "[::1]", "")) {
            assertThatThrownBy(() -> IpAddresses.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void prefixes() {
        assertThat(p("fd00:10:244::/48")).hasToString("fd00:10:244::/48");
        assertThat(p("10.0.0.0/8").contains(p("10.244.1.0/24"))).isTrue();
        assertThat(p("10.244.1.0/24").overlaps(p("10.244.0.0/16"))).isTrue();
        assertThat(p("10.244.1.0/24").overlaps(p("10.244.2.0/24"))).isFalse();
        assertThat(p("0.0.0.0/0").overlaps(p("::/0"))).isFalse();
        assertThatThrownBy(() -> p("10.244.1.1/24")).hasMessage(
                "\"10.244.1.1/24\" has host bits set (expected the network address: 10.244.1.0/24)");
        assertThatThrownBy(() -> p("10.244.1.0/024")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void durations() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        for (String bad : List.of("90", "1.5s", "s", "5 s", "-5s", "5d", "")) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void asnsAndCommunities() {
        assertThat(Asn.parse("4294967295")).isEqualTo(4294967295L);
        assertThat(Asn.parse("1.10")).isEqualTo(65546L);
        assertThat(Asn.parse("65535.65535")).isEqualTo(4294967295L);
        for (String bad : List.of("0", "4294967296", "-1", "65536.1", "1.", "AS65000", "23456")) {
            assertThatThrownBy(() -> Asn.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
        assertThat(Community.parse("65000:100").value()).isEqualTo(65000 << 16 | 100);
        assertThat(Community.parse("65000:100")).hasToString("65000:100");
        assertThat(Community.parse("NO-EXPORT")).isEqualTo(new Community(0xFFFFFF01));
        assertThatThrownBy(() -> Community.parse("65536:1")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void suggestions() {
        assertThat(Suggest.closest("holdtime", List.of("holdTime", "keepalive"))).isEqualTo("holdTime");
        assertThat(Suggest.closest("keepalvie", List.of("holdTime", "keepalive"))).isEqualTo("keepalive");
        assertThat(Suggest.closest("bgp", List.of("node", "peers", "timers"))).isNull();
    }
}
