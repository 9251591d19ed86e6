package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv6Prefix;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inline forms of an entry's paths and Adj-RIB-Out and their growth into arrays and back. */
class RouteEntryTest {
    private static RouteEntry entry() {
        return RouteEntry.of(Ipv4Prefix.parse("192.0.2.0/24"));
    }

    private static List<Path> paths(RouteEntry e) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < e.size(); i++) {
            out.add(e.path(i));
        }
        return out;
    }

    @Test
    void oneTwoOneNoPaths() {
        RouteEntry e = entry();
        assertThat(e.size()).isZero();
        assertThat(e.isEmpty()).isTrue();
        assertThat(e.best()).isNull();

        Path a = e.add(1, 0);
        assertThat(paths(e)).containsExactly(a);
        assertThat(a.localId()).isEqualTo(1);
        assertThat(e.find(1, 0)).isSameAs(a);
        assertThat(e.find(2, 0)).isNull();
        assertThat(e.find(1, 7)).isNull();
        e.select(new Path[] {a}, 1);
        assertThat(e.best()).isSameAs(a);
        assertThatThrownBy(() -> e.path(1)).isInstanceOf(IndexOutOfBoundsException.class);

        Path b = e.add(2, 0);
        assertThat(b.localId()).isEqualTo(2);
        assertThat(paths(e)).containsExactly(a, b);
        assertThat(e.selected()).isEqualTo(1);
        e.select(new Path[] {b, a}, 2);
        assertThat(paths(e)).containsExactly(b, a);
        assertThat(e.best()).isSameAs(b);

        // Removing a selected path leaves the decision to be re-run.
        e.remove(b);
        assertThat(paths(e)).containsExactly(a);
        assertThat(e.selected()).isZero();
        e.select(new Path[] {a}, 1);

        // A path not in the entry changes nothing.
        e.remove(b);
        assertThat(paths(e)).containsExactly(a);
        assertThat(e.selected()).isEqualTo(1);

        e.remove(a);
        assertThat(e.size()).isZero();
        assertThat(e.selected()).isZero();
        assertThat(e.best()).isNull();
        assertThat(e.isEmpty()).isTrue();
        assertThatThrownBy(() -> e.path(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theEntrysOwnPathSlotIsFreedAndReusedWhileOtherPathsStay() {
        RouteEntry e = entry();
        Path a = e.add(1, 0);
        assertThat(a).as("the first path lives in the entry").isSameAs(e);
        Path b = e.add(2, 0);
        Path c = e.add(3, 0);
        a.attrs(null, null);

        // The entry's own path goes first: the others stay, in order, as objects of their own.
        e.remove(a);
        assertThat(paths(e)).containsExactly(b, c);
        e.remove(b);
        assertThat(paths(e)).containsExactly(c);
        assertThat(e.find(3, 0)).isSameAs(c);
        assertThat(e.find(1, 0)).isNull();

        // A new path takes the free slot in the entry, behind the one left.
        Path d = e.add(4, 0);
        assertThat(d).isSameAs(e);
        assertThat(paths(e)).containsExactly(c, d);
        assertThat(d.peer()).isEqualTo(4);
        assertThat(d.pathId()).isZero();
        assertThat(d.stale()).isFalse();
        assertThat(d.effective()).isNull();
        assertThat(d.localId()).isEqualTo(1);

        e.select(new Path[] {d}, 1);
        assertThat(e.best()).isSameAs(d);
        e.remove(c);
        assertThat(paths(e)).containsExactly(d);
        assertThat(e.selected()).isEqualTo(1);
        e.remove(d);
        assertThat(e.size()).isZero();
        assertThat(e.isEmpty()).isTrue();
        assertThat(e.prefix()).isEqualTo(Ipv4Prefix.parse("192.0.2.0/24"));
    }

    @Test
    void stateBitsKeepTheirMeaningSideBySide() {
        for (int len = 0; len <= 32; len++) {
            int address = len == 0 ? 0 : 0xC6336400 & Ipv4Prefix.mask(len);
            RouteEntry e = RouteEntry.of(new Ipv4Prefix(address, len));
            Path[] order = new Path[64];
            for (int i = 0; i < 64; i++) {
                order[i] = e.add(i + 1, 0);
            }
            e.select(order, 64);
            e.dirty(true);
            e.fibDirty(true);
            e.out(65_535, "x");
            assertThat(e.prefix()).isEqualTo(new Ipv4Prefix(address, len));
            assertThat(e.selected()).isEqualTo(64);
            assertThat(e.out(65_535)).isEqualTo("x");
            e.dirty(false);
            assertThat(e.fibDirty()).isTrue();
            e.fibDirty(false);
            e.out(65_535, null);
            assertThat(e.dirty()).isFalse();
            assertThat(e.selected()).isEqualTo(64);
            assertThat(e.prefix()).isEqualTo(new Ipv4Prefix(address, len));
            assertThat(e.sameKey(new Ipv4Prefix(address, len))).isTrue();
        }
    }

    @Test
    void removingAnUnselectedPathKeepsTheSelection() {
        RouteEntry e = entry();
        Path a = e.add(1, 0);
        Path b = e.add(2, 0);
        Path c = e.add(3, 0);
        e.select(new Path[] {a}, 1);
        e.remove(c);
        assertThat(paths(e)).containsExactly(a, b);
        assertThat(e.selected()).isEqualTo(1);
        e.remove(b);
        assertThat(paths(e)).containsExactly(a);
        assertThat(e.selected()).isEqualTo(1);
    }

    @Test
    void onlyAPathWithIdentifiersZeroAndOneLivesInTheEntry() {
        // The inline slot stores no identifiers: an ADD-PATH identifier or a local identifier other than 1
        // makes a path an object of its own even while the slot is free.
        RouteEntry e = entry();
        Path a = e.add(1, 7);
        assertThat(a).isNotSameAs(e).isInstanceOf(Path.Tagged.class);
        assertThat(List.of(a.peer(), a.pathId(), a.localId())).containsExactly(1, 7, 1);
        assertThat(paths(e)).containsExactly(a);
        assertThat(e.find(1, 7)).isSameAs(a);
        assertThat(e.find(1, 0)).isNull();

        Path b = e.add(2, 0);
        assertThat(b).as("local identifier 2").isNotSameAs(e).isInstanceOf(Path.Plain.class);
        assertThat(List.of(b.peer(), b.pathId(), b.localId())).containsExactly(2, 0, 2);
        e.remove(a);
        Path c = e.add(3, 0);
        assertThat(c).as("local identifier 1 is free again").isSameAs(e);
        assertThat(List.of(c.peer(), c.pathId(), c.localId())).containsExactly(3, 0, 1);
        assertThat(paths(e)).containsExactly(b, c);
        assertThat(e.find(2, 0)).isSameAs(b);
        assertThat(e.find(3, 0)).isSameAs(c);

        e.remove(b);
        e.remove(c);
        assertThat(e.isEmpty()).isTrue();
        Path d = e.add(4, 0xFFFF_FFFF);
        assertThat(d).isNotSameAs(e);
        assertThat(d.pathId()).isEqualTo(0xFFFF_FFFF);
        assertThat(e.find(4, 0xFFFF_FFFF)).isSameAs(d);
        e.remove(d);
        assertThat(e.size()).isZero();
    }

    @Test
    void aPathApartTakesTheSmallestFormThatHoldsItsIdentifiers() {
        Path plain = Path.apart(3, 0, Path.SPARE_HIGH_MAX);
        assertThat(plain).isInstanceOf(Path.Plain.class);
        assertThat(List.of(plain.peer(), plain.pathId(), plain.localId())).containsExactly(3, 0, Path.SPARE_HIGH_MAX);
        plain.stale(true);
        assertThat(plain.localId()).as("the stale flag leaves the identifier alone").isEqualTo(Path.SPARE_HIGH_MAX);
        assertThat(plain.peer()).isEqualTo(3);

        Path wide = Path.apart(65535, 0, Path.SPARE_HIGH_MAX + 1);
        assertThat(wide).isInstanceOf(Path.Tagged.class);
        assertThat(List.of(wide.peer(), wide.pathId(), wide.localId()))
                .containsExactly(65535, 0, Path.SPARE_HIGH_MAX + 1);

        Path tagged = Path.apart(0, -1, 1);
        assertThat(tagged).isInstanceOf(Path.Tagged.class);
        assertThat(List.of(tagged.pathId(), tagged.localId())).containsExactly(-1, 1);
    }

    @Test
    void localIdsStayUniqueAndAreReused() {
        RouteEntry e = entry();
        Path a = e.add(1, 0);
        Path b = e.add(1, 5);
        Path c = e.add(2, 0);
        assertThat(List.of(a.localId(), b.localId(), c.localId())).containsExactly(1, 2, 3);
        e.remove(b);
        Path d = e.add(3, 0);
        assertThat(d.localId()).isEqualTo(2);
        e.remove(a);
        e.remove(c);
        assertThat(paths(e)).containsExactly(d);
        assertThat(e.add(4, 0).localId()).isEqualTo(1);
    }

    @Test
    void localIdIsTheSmallestFreeOneBeyondSixtyFourPathsToo() {
        // Up to 63 the free identifier comes from a bit mask, beyond it from a scan; both must give the smallest.
        Random r = new Random(11);
        RouteEntry e = entry();
        List<Path> model = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            if (!model.isEmpty() && (model.size() > 150 || r.nextInt(3) == 0)) {
                Path gone = model.remove(r.nextInt(model.size()));
                e.remove(gone);
            } else {
                int expected = 1;
                while (usesLocalId(model, expected)) {
                    expected++;
                }
                Path p = e.add(step, 0);
                assertThat(p.localId()).as("step %d with %d paths", step, model.size()).isEqualTo(expected);
                model.add(p);
            }
            assertThat(e.find(model.isEmpty() ? -1 : model.get(0).peer(), 0))
                    .isSameAs(model.isEmpty() ? null : model.get(0));
        }
    }

    private static boolean usesLocalId(List<Path> paths, int id) {
        return paths.stream().anyMatch(p -> p.localId() == id);
    }

    /**
     * Selects a random subset of up to {@code max} paths, in a random order, as the decision would; the others
     * keep their order behind it. The model follows; returns the count.
     */
    private static int selectSome(RouteEntry e, List<Path> model, Random r, int max) {
        List<Path> order = new ArrayList<>(model);
        java.util.Collections.shuffle(order, r);
        int count = 1 + r.nextInt(Math.min(model.size(), max));
        List<Path> rest = new ArrayList<>(model);
        rest.removeAll(order.subList(0, count));
        e.select(order.toArray(new Path[0]), count);
        model.clear();
        model.addAll(order.subList(0, count));
        model.addAll(rest);
        return count;
    }

    @Test
    void pathsAgreeWithAPlainListUnderRandomAddsRemovalsAndSelections() {
        // The paths array grows by half and keeps unused slots; none of that may show through size, path(i),
        // the selection, the stale flag or a reused own slot.
        Random r = new Random(5);
        for (int round = 0; round < 200; round++) {
            RouteEntry e = entry();
            List<Path> model = new ArrayList<>();
            int selected = 0;
            for (int step = 0; step < 60; step++) {
                int op = r.nextInt(10);
                if (op < 5 || model.isEmpty()) {
                    Path p = e.add(1 + r.nextInt(40), r.nextInt(1000));
                    p.stale(r.nextBoolean());
                    model.add(p);
                } else if (op < 8) {
                    int i = r.nextInt(model.size());
                    Path p = model.remove(i);
                    e.remove(p);
                    selected = i < selected ? 0 : selected;
                } else {
                    selected = selectSome(e, model, r, 4);
                }
                assertThat(paths(e)).as("round %d step %d", round, step).containsExactlyElementsOf(model);
                assertThat(e.selected()).isEqualTo(selected);
                assertThatThrownBy(() -> e.path(model.size())).isInstanceOf(IndexOutOfBoundsException.class);
                for (Path p : model) {
                    assertThat(e.find(p.peer(), p.pathId())).isNotNull();
                }
            }
        }
    }

    @Test
    void adjRibOutForOnePeerThenSeveralThenOneAgain() {
        RouteEntry e = RouteEntry.of(Ipv6Prefix.parse("2001:db8::/32"));
        Object x = new OutPath[0];
        Object y = "y";
        Object z = "z";
        assertThat(e.hasOut()).isFalse();
        assertThat(e.out(3)).isNull();

        e.out(3, x);
        assertThat(e.out(3)).isSameAs(x);
        assertThat(e.out(0)).isNull();
        assertThat(e.out(4)).isNull();
        assertThat(e.isEmpty()).isFalse();

        e.out(3, y);
        assertThat(e.out(3)).isSameAs(y);

        // A second peer: the array form, growing as far as the highest peer.
        e.out(1, z);
        assertThat(e.out(1)).isSameAs(z);
        assertThat(e.out(3)).isSameAs(y);
        e.out(700, x);
        assertThat(e.out(700)).isSameAs(x);
        assertThat(e.out(699)).isNull();
        assertThat(e.out(70_000)).isNull();

        e.out(3, null);
        e.out(700, null);
        assertThat(e.out(1)).isSameAs(z);
        assertThat(e.out(3)).isNull();
        assertThat(e.out(700)).isNull();

        // Withdrawn for a peer that never had anything: no change.
        e.out(9, null);
        assertThat(e.out(1)).isSameAs(z);

        e.out(1, null);
        assertThat(e.hasOut()).isFalse();
        assertThat(e.isEmpty()).isTrue();
        e.out(5, null);
        assertThat(e.hasOut()).isFalse();
    }

    @Test
    void adjRibOutAgreesWithAPlainMapUnderRandomChanges() {
        Random r = new Random(7);
        RouteEntry e = entry();
        Object[] model = new Object[40];
        Object[] values = {"a", "b", new OutPath[0]};
        for (int step = 0; step < 5000; step++) {
            int peer = r.nextInt(model.length);
            Object v = r.nextInt(3) == 0 ? null : values[r.nextInt(values.length)];
            e.out(peer, v);
            model[peer] = v;
            boolean any = false;
            for (int p = 0; p < model.length; p++) {
                assertThat(e.out(p)).as("peer %d at step %d", p, step).isSameAs(model[p]);
                any |= model[p] != null;
            }
            assertThat(e.hasOut()).isEqualTo(any);
        }
    }

    @Test
    void pathsAndAdjRibOutShareAFieldWithoutDisturbingEachOther() {
        // Other paths and the Adj-RIB-Out live in one field (a lone path, a value, a table by peer, or slots
        // that hold both): any mix of changes to one must leave the other as it was.
        Random r = new Random(13);
        Object[] values = {"a", "b", new OutPath[0]};
        for (int round = 0; round < 300; round++) {
            RouteEntry e = entry();
            List<Path> model = new ArrayList<>();
            Object[] out = new Object[6];
            int selected = 0;
            for (int step = 0; step < 80; step++) {
                int op = r.nextInt(12);
                if (op < 3 || (op < 6 && model.isEmpty())) {
                    // Path identifier 0 often, so the entry's own slot comes and goes; one path per peer and id.
                    int peer = 1 + r.nextInt(20);
                    int pathId = r.nextInt(3) == 0 ? r.nextInt(50) : 0;
                    if (e.find(peer, pathId) == null) {
                        model.add(e.add(peer, pathId));
                    }
                } else if (op < 6) {
                    int i = r.nextInt(model.size());
                    e.remove(model.remove(i));
                    selected = i < selected ? 0 : selected;
                } else if (op < 7 && !model.isEmpty()) {
                    selected = selectSome(e, model, r, 3);
                } else {
                    // Mostly one peer (the inline form), sometimes others (the table by peer).
                    int peer = r.nextInt(4) == 0 ? r.nextInt(out.length) : 2;
                    Object v = r.nextInt(3) == 0 ? null : values[r.nextInt(values.length)];
                    e.out(peer, v);
                    out[peer] = v;
                }
                String at = "round " + round + " step " + step;
                assertThat(paths(e)).as(at).containsExactlyElementsOf(model);
                assertThat(e.selected()).as(at).isEqualTo(selected);
                boolean any = false;
                for (int peer = 0; peer < out.length; peer++) {
                    assertThat(e.out(peer)).as("%s peer %d", at, peer).isSameAs(out[peer]);
                    any |= out[peer] != null;
                }
                assertThat(e.hasOut()).as(at).isEqualTo(any);
                assertThat(e.isEmpty()).as(at).isEqualTo(model.isEmpty() && !any);
                for (Path p : model) {
                    assertThat(e.find(p.peer(), p.pathId())).as(at).isSameAs(p);
                }
            }
        }
    }

    @Test
    void morePathsThanTheCountBitsHoldKeepTheirOrderAndAdjRibOut() {
        // From Path.SPARE_HIGH_MAX paths on, the slots array is sized exactly and its length is the count.
        RouteEntry e = entry();
        Object x = "x";
        e.out(4, x);
        List<Path> model = new ArrayList<>();
        for (int i = 0; i < Path.SPARE_HIGH_MAX + 20; i++) {
            Path p = e.add(1 + (i & 0xFF), i);
            assertThat(p.localId()).isEqualTo(i + 1);
            model.add(p);
        }
        assertThat(paths(e)).containsExactlyElementsOf(model);
        for (int i : new int[] {Path.SPARE_HIGH_MAX + 5, Path.SPARE_HIGH_MAX - 3, 7, 0}) {
            e.remove(model.remove(i));
        }
        assertThat(paths(e)).containsExactlyElementsOf(model);
        assertThat(e.add(999, 0).localId()).as("the smallest free local identifier").isEqualTo(1);
        assertThat(e.out(4)).isSameAs(x);
        e.out(4, null);
        assertThat(e.hasOut()).isFalse();
        assertThat(e.size()).isEqualTo(model.size() + 1);
    }

    @Test
    void oneFieldHoldsTheReceivedAndTheEffectiveSet() {
        AttrsInterner in = new AttrsInterner();
        Attrs received = in.acquire(PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001)).build(),
                Ipv4.toInet(Ipv4.parse("192.0.2.1")), null);
        Attrs changed = in.acquire(received.attributes().toBuilder().localPref(200L).build(), received.nextHop(), null);
        RouteEntry e = entry();
        Path p = e.add(1, 0);
        p.stale(true);

        p.attrs(received, received);
        assertThat(List.of(p.received(), p.effective())).containsExactly(received, received);
        p.attrs(received, null);
        assertThat(p.received()).isSameAs(received);
        assertThat(p.effective()).as("not eligible").isNull();
        p.attrs(received, changed);
        assertThat(List.of(p.received(), p.effective())).containsExactly(received, changed);
        Path.Imported pair = new Path.Imported(received, changed);
        p.attrs(pair);
        assertThat(List.of(p.received(), p.effective())).containsExactly(received, changed);
        p.attrs(null, null);
        assertThat(p.received()).isNull();
        assertThat(p.effective()).isNull();
        p.attrs(received, null);
        p.attrs(received, received);
        assertThat(p.effective()).as("eligible again").isSameAs(received);
        assertThat(List.of(p.peer(), p.stale(), p.localId())).as("the flags beside them").containsExactly(1, true, 1);

        Path other = e.add(2, 0);
        other.attrs(pair);
        assertThat(other.effective()).isSameAs(changed);
        assertThat(paths(e)).containsExactly(p, other);
        assertThatThrownBy(() -> new Path.Imported(received, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void refusesValuesItCannotTellFromItsOwnArray() {
        RouteEntry e = entry();
        assertThatThrownBy(() -> e.out(1, new Object[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.out(1, Path.apart(1, 0, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.out(65_536, "x")).hasMessageContaining("65536");
    }
}
