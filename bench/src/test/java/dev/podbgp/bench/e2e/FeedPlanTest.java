package dev.podbgp.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podbgp.bgp.wire.BgpDecoder;
import dev.podbgp.bgp.wire.DecodeResult;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The feed decodes (with our decoder) to exactly the workload it claims to be. */
class FeedPlanTest {

  private static List<UpdateMessage> decode(List<byte[]> chunks) {
    List<UpdateMessage> out = new ArrayList<>();
    for (byte[] chunk : chunks) {
      ByteBuf in = Unpooled.wrappedBuffer(chunk);
      while (in.isReadable()) {
        int len = BgpDecoder.frameLength(in, FeedPlan.ENCODING);
        assertThat(len).isPositive().isLessThanOrEqualTo(in.readableBytes());
        DecodeResult r = BgpDecoder.decode(in.readSlice(len), FeedPlan.ENCODING);
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        out.add((UpdateMessage) ((DecodeResult.Decoded) r).message());
      }
    }
    return out;
  }

  @Test
  void tableFeedCarriesEveryPrefixOnceWithInternetShapeAndSharedPaths() {
    FeedPlan plan = new FeedPlan(new Workload(1, "t", 1, 20_000, false));
    List<UpdateMessage> updates = decode(plan.load.perFeeder().get(0));
    Set<Prefix> seen = new HashSet<>();
    Map<Integer, Integer> lengths = new HashMap<>();
    Set<Object> paths = new HashSet<>();
    for (UpdateMessage u : updates) {
      for (Prefix p : u.nlri()) {
        assertThat(seen.add(p)).as("announced twice: %s", p).isTrue();
        lengths.merge(p.length(), 1, Integer::sum);
      }
      if (!u.nlri().isEmpty()) {
        int hops = u.attributes().asPath().length();
        assertThat(hops).isBetween(2, 8);
        assertThat(u.attributes().asPath().firstAs()).isEqualTo((int) FeedPlan.feederAs(0));
        paths.add(u.attributes().asPath());
      }
    }
    assertThat(seen).hasSize(20_000);
    assertThat(lengths.get(24)).isGreaterThan(lengths.get(22)).isGreaterThan(20_000 / 2);
    assertThat(lengths.get(22)).isGreaterThan(lengths.get(20));
    // Shared attribute sets: far fewer distinct paths than prefixes.
    assertThat(paths.size()).isLessThan(20_000 / 4);
    assertThat(updates.get(updates.size() - 1).endOfRibFamily()).isNotNull();
  }

  @Test
  void tenFeedersSendTheSamePrefixesWithTheirOwnPaths() {
    FeedPlan plan = new FeedPlan(new Workload(2, "t", 10, 2_000, false));
    Set<Prefix> first = null;
    for (int i = 0; i < 10; i++) {
      Set<Prefix> mine = new HashSet<>();
      for (UpdateMessage u : decode(plan.load.perFeeder().get(i))) {
        mine.addAll(u.nlri());
        if (!u.nlri().isEmpty()) {
          assertThat(u.attributes().asPath().firstAs()).isEqualTo((int) FeedPlan.feederAs(i));
          assertThat(u.attributes().nextHop()).isEqualTo(FeedPlan.feederAddress(i));
        }
      }
      assertThat(mine).hasSize(2_000);
      if (first == null) {
        first = mine;
      } else {
        assertThat(mine).isEqualTo(first);
      }
    }
    assertThat(plan.uniquePrefixes).isEqualTo(2_000);
    assertThat(plan.totalPaths).isEqualTo(20_000);
  }

  @Test
  void clusterFeedersEachAnnounceFourDistinctPodBlocks() {
    FeedPlan plan = new FeedPlan(new Workload(3, "t", 500, 4, false));
    Set<Prefix> all = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      List<Prefix> mine = new ArrayList<>();
      decode(plan.load.perFeeder().get(i)).forEach(u -> mine.addAll(u.nlri()));
      assertThat(mine).hasSize(4).allMatch(p -> p.length() == 26);
      all.addAll(mine);
    }
    assertThat(all).hasSize(2_000).allMatch(p -> Ipv4Prefix.parse("100.64.0.0/10")
        .contains((Ipv4Prefix) p));
  }

  /** What a churn stage withdraws, then announces again (withdrawals first), each path marked or not. */
  private record Change(Set<Prefix> withdrawn, Set<Prefix> again) {
    static Change of(FeedPlan.Stage stage, boolean marked) {
      Change c = new Change(new HashSet<>(), new HashSet<>());
      for (UpdateMessage u : decode(stage.perFeeder().get(0))) {
        if (!u.withdrawn().isEmpty()) {
          assertThat(c.again).as("withdrawals come first").isEmpty();
        }
        c.withdrawn.addAll(u.withdrawn());
        if (!u.nlri().isEmpty()) {
          assertThat(u.attributes().asPath().contains(FeedPlan.CHURN_MARKER_AS)).isEqualTo(marked);
          c.again.addAll(u.nlri());
        }
      }
      return c;
    }
  }

  @Test
  void churnWithdrawsTheChurnedTenthThenReannouncesItMarked() {
    FeedPlan plan = new FeedPlan(new Workload(4, "t", 1, 20_000, true));
    Set<Prefix> loaded = new HashSet<>();
    decode(plan.load.perFeeder().get(0)).forEach(u -> loaded.addAll(u.nlri()));
    Change churn = Change.of(plan.churn, true);
    assertThat(churn.again()).isEqualTo(churn.withdrawn());
    assertThat(loaded).containsAll(churn.withdrawn());
    for (Prefix p : loaded) {
      assertThat(churn.withdrawn().contains(p)).isEqualTo(Keys.churned(Keys.prefix((Ipv4Prefix) p)));
    }
    assertThat(churn.withdrawn().size()).isBetween(1_700, 2_300);
  }

  @Test
  void churnBackChangesTheSameTenthAgainWithoutTheMarker() {
    FeedPlan plan = new FeedPlan(new Workload(4, "t", 1, 20_000, true));
    Set<Prefix> churned = Change.of(plan.churn, true).withdrawn();
    Change back = Change.of(plan.churnBack, false);
    assertThat(back.withdrawn()).isEqualTo(churned).isNotEmpty();
    assertThat(back.again()).isEqualTo(churned);
  }

  @Test
  void sameWorkloadSameBytes() {
    Workload w = new Workload(1, "t", 1, 5_000, false);
    List<byte[]> a = new FeedPlan(w).load.perFeeder().get(0);
    List<byte[]> b = new FeedPlan(w).load.perFeeder().get(0);
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).isEqualTo(b.get(i));
    }
  }

  @Test
  void badWorkloadNumbersAndSizesAreNamed() {
    assertThatThrownBy(() -> Workload.full(5)).hasMessageContaining("no workload 5");
    assertThatThrownBy(() -> new Workload(3, "t", 501, 4, false)).hasMessageContaining("501");
  }
}
