package dev.podbgp.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrefixMapTest {

  @Test
  void agreesWithHashMapUnderRandomPutsAndRemoves() {
    // Few distinct keys in a small table: long probe runs, wrap-around and backward shifts.
    PrefixMap map = new PrefixMap(4);
    Map<Long, Integer> oracle = new HashMap<>();
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long key = r.nextInt(3000);
      if (r.nextInt(3) == 0) {
        Integer old = oracle.remove(key);
        assertThat(map.remove(key)).isEqualTo(old == null ? -1 : old);
      } else {
        int v = r.nextInt(2);
        Integer old = oracle.put(key, v);
        assertThat(map.put(key, v)).isEqualTo(old == null ? -1 : old);
      }
      if (i % 10_000 == 0) {
        for (long k = 0; k < 3000; k++) {
          assertThat(map.get(k)).isEqualTo(oracle.getOrDefault(k, -1));
        }
      }
    }
    assertThat(map.size()).isEqualTo(oracle.size());
    Map<Long, Integer> seen = new HashMap<>();
    map.forEach(seen::put);
    assertThat(seen).isEqualTo(oracle);
  }

  @Test
  void refusesNegativeKeysAndValues() {
    PrefixMap map = new PrefixMap(4);
    assertThatThrownBy(() -> map.put(-1, 0)).hasMessageContaining("-1");
    assertThatThrownBy(() -> map.put(1, -2)).hasMessageContaining("-2");
  }
}
