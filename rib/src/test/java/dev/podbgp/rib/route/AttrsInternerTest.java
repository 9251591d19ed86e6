package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.rib.policy.Policy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Interning by value with reference counts, for received sets and for exported (source, recipe) pairs. */
class AttrsInternerTest {
    private static final InetAddress HOP = Ipv4.toInet(Ipv4.parse("192.0.2.1"));
    private static final InetAddress SELF = Ipv4.toInet(Ipv4.parse("198.51.100.1"));

    private static PathAttributes path(int... asns) {
        return PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(asns)).med(5L).build();
    }

    @Test
    void equalSetsShareOneInstanceUntilTheLastReferenceGoes() {
        AttrsInterner in = new AttrsInterner();
        Attrs a = in.acquire(path(65001, 65002), HOP, null);
        Attrs b = in.acquire(path(65001, 65002), HOP, null);
        Attrs c = in.acquire(path(65001, 65002), SELF, null);
        assertThat(b).isSameAs(a);
        assertThat(c).isNotSameAs(a);
        assertThat(in.size()).isEqualTo(2);
        in.release(a);
        assertThat(in.acquire(path(65001, 65002), HOP, null)).isSameAs(a);
        in.release(a);
        in.release(a);
        assertThat(in.size()).isEqualTo(1);
        assertThat(in.acquire(path(65001, 65002), HOP, null)).isNotSameAs(a);
        assertThatThrownBy(() -> in.release(a)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void setsShareTheirNextHopAddressObjects() {
        AttrsInterner in = new AttrsInterner();
        // As decoded: a new address object per UPDATE.
        java.net.Inet4Address hop1 = Ipv4.toInet(Ipv4.parse("192.0.2.1"));
        java.net.Inet4Address hop2 = Ipv4.toInet(Ipv4.parse("192.0.2.1"));
        Attrs a = in.acquire(path(65001).toBuilder().nextHop(hop1).build(), hop1, null);
        Attrs b = in.acquire(path(65002).toBuilder().nextHop(hop2).build(), hop2, null);
        assertThat(b.nextHop()).isSameAs(a.nextHop());
        assertThat(b.attributes().nextHop()).isSameAs(a.nextHop());
        assertThat(b.attributes()).isEqualTo(path(65002).toBuilder().nextHop(hop2).build());
        InetAddress v6 = ip("2001:db8::1");
        InetAddress ll = ip("fe80::1");
        Attrs c = in.acquire(path(65003), ip("2001:db8::1"), ip("fe80::1"));
        Attrs d = in.acquire(path(65004), v6, ll);
        assertThat(d.nextHop()).isSameAs(c.nextHop());
        assertThat(d.linkLocalNextHop()).isSameAs(c.linkLocalNextHop());
        assertThat(in.nextHops()).isEqualTo(3);
        in.release(a);
        assertThat(in.nextHops()).isEqualTo(3);
        in.release(b);
        in.release(c);
        in.release(d);
        assertThat(in.nextHops()).isZero();
        assertThat(in.size()).isZero();
    }

    /** An address from a literal (no name lookup happens for literals). */
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Test
    void exportedSetsHoldTheirSourceAndAreMadeOnDemand() {
        AttrsInterner in = new AttrsInterner();
        Attrs src = in.acquire(path(65001), HOP, null);
        ExportRecipe ebgp = ExportRecipe.ebgp(65000, 2, false, SELF, Policy.ACCEPT_ALL, -1);
        OutAttrs o = in.acquire(src, ebgp);
        assertThat(in.acquire(src, ExportRecipe.ebgp(65000, 2, false, SELF, Policy.ACCEPT_ALL, -1))).isSameAs(o);
        assertThat(in.exportedSize()).isEqualTo(1);
        assertThat(o.nextHop()).isEqualTo(SELF);
        assertThat(o.attributes()).isEqualTo(PathAttributes.builder().origin(Origin.IGP)
                .asPath(AsPath.sequence(65000, 65000, 65001)).build());

        // The source stays interned while an exported set is derived from it.
        in.release(src);
        assertThat(in.size()).isEqualTo(1);
        in.release(o);
        assertThat(in.size()).isEqualTo(1);
        in.release(o);
        assertThat(in.exportedSize()).isZero();
        assertThat(in.size()).isZero();
    }

    @Test
    void differentDerivationsOfTheSameAttributesHaveTheSameContent() {
        AttrsInterner in = new AttrsInterner();
        // MED does not leave the AS: two sets differing only there export alike.
        Attrs a = in.acquire(path(65001), HOP, null);
        Attrs b = in.acquire(PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001)).med(9L).build(),
                HOP, null);
        ExportRecipe r = ExportRecipe.ebgp(65000, 1, false, SELF, Policy.ACCEPT_ALL, -1);
        OutAttrs x = in.acquire(a, r);
        OutAttrs y = in.acquire(b, r);
        assertThat(y).isNotSameAs(x);
        assertThat(x.sameContent(y)).isTrue();
        OutAttrs z = in.acquire(a, ExportRecipe.ibgp(true, SELF, Policy.ACCEPT_ALL, -1));
        assertThat(x.sameContent(z)).isFalse();
        assertThat(z.attributes().localPref()).isEqualTo(100L);
        assertThat(in.acquire(a, ExportRecipe.ibgp(false, SELF, Policy.ACCEPT_ALL, -1)).nextHop()).isEqualTo(HOP);
    }

    @Test
    void sameContentTellsApartWithoutBuildingExactlyWhenTheBuiltSetsDiffer() {
        // sameContent decides from next hop, ORIGIN and AS path where it can; whatever it answers must be what
        // comparing the built attributes answers, over sets and recipes that differ in every way export sees.
        AttrsInterner in = new AttrsInterner();
        Random r = new Random(11);
        InetAddress[] hops = {HOP, SELF, Ipv4.toInet(Ipv4.parse("192.0.2.9"))};
        Policy[] policies = {Policy.ACCEPT_ALL, new Policy("med", List.of(), dev.podbgp.rib.policy.Action.ACCEPT.withMed(7)),
            new Policy("lp", List.of(), dev.podbgp.rib.policy.Action.ACCEPT.withLocalPref(50))};
        List<OutAttrs> sets = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int[] asns = new int[1 + r.nextInt(3)];
            for (int k = 0; k < asns.length; k++) {
                asns[k] = 65001 + r.nextInt(3);
            }
            AsPath path = r.nextInt(10) == 0 ? AsPath.EMPTY : AsPath.sequence(asns);
            if (r.nextInt(6) == 0) {
                // A leading sequence that a prepend no longer fits into, and the path a prepend of it would give.
                int[] full = new int[254 + r.nextInt(2)];
                java.util.Arrays.fill(full, 65000);
                path = r.nextBoolean() ? AsPath.sequence(full) : AsPath.sequence(full).prepend(65000, 1 + r.nextInt(2));
            }
            PathAttributes.Builder b = PathAttributes.builder().origin(Origin.values()[r.nextInt(3)]).asPath(path);
            if (r.nextBoolean()) {
                b.med((long) r.nextInt(2));
            }
            if (r.nextBoolean()) {
                b.localPref(100L + r.nextInt(2));
            }
            Attrs a = in.acquire(b.build(), hops[r.nextInt(2)], null);
            Policy policy = policies[r.nextInt(policies.length)];
            ExportRecipe recipe = switch (r.nextInt(4)) {
                case 0 -> ExportRecipe.ebgp(65000, 1 + r.nextInt(2), r.nextBoolean(), hops[r.nextInt(3)], policy, -1);
                case 1 -> ExportRecipe.ebgp(65001, 1, false, SELF, policy, -1);
                case 2 -> ExportRecipe.ibgp(r.nextBoolean(), SELF, policy, -1);
                default -> ExportRecipe.reflected(7, 9, policy, -1);
            };
            sets.add(in.acquire(a, recipe));
        }
        int same = 0;
        for (OutAttrs x : sets) {
            for (OutAttrs y : sets) {
                boolean built = java.util.Objects.equals(x.nextHop(), y.nextHop()) && x.attributes().equals(y.attributes());
                assertThat(x.sameContent(y)).as("%s vs %s", x, y).isEqualTo(built);
                same += built ? 1 : 0;
            }
        }
        // Not only the diagonal: distinct derivations that send the same must occur for the check to mean anything.
        assertThat(same).isGreaterThan(sets.size() + 100);
    }

    @Test
    void manySetsComeAndGoWithoutLosingAny() {
        AttrsInterner in = new AttrsInterner();
        Random r = new Random(3);
        List<Attrs> held = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (held.isEmpty() || r.nextInt(3) > 0) {
                int as = 64_512 + r.nextInt(3000);
                Attrs a = in.acquire(path(as), HOP, null);
                assertThat(a.asPath()).isEqualTo(AsPath.sequence(as));
                held.add(a);
            } else {
                in.release(held.remove(r.nextInt(held.size())));
            }
        }
        long distinct = held.stream().distinct().count();
        assertThat(in.size()).isEqualTo((int) distinct);
        for (Attrs a : held) {
            assertThat(in.acquire(a.attributes(), HOP, null)).isSameAs(a);
            in.release(a);
        }
        held.forEach(in::release);
        assertThat(in.size()).isZero();
    }
}
