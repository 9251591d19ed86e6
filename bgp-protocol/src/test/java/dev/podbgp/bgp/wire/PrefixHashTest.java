package dev.podbgp.bgp.wire;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Prefixes key hash tables (sessions, tests, tools): their hashes must spread over the low bits. */
class PrefixHashTest {

    @Test
    void consecutiveSlash24sSpreadOverTheLowBits() {
        // 65,536 /24s: a table of 65,536 buckets indexes by the low 16 bits of the hash.
        Set<Integer> buckets = new HashSet<>();
        for (int i = 0; i < 65_536; i++) {
            buckets.add(new Ipv4Prefix((0x0A00_0000 | i << 8), 24).hashCode() & 0xFFFF);
        }
        // A uniform hash fills about 1 - 1/e of them; the record default fills 256.
        assertThat(buckets.size()).isGreaterThan(40_000);
    }

    @Test
    void equalityStillCoversEveryField() {
        Ipv4Prefix p = Ipv4Prefix.parse("10.1.2.0/24");
        assertThat(p).isEqualTo(new Ipv4Prefix(p.address(), 24, 0)).hasSameHashCodeAs(new Ipv4Prefix(p.address(), 24));
        assertThat(p).isNotEqualTo(p.withPathId(1)).isNotEqualTo(new Ipv4Prefix(p.address(), 23 + 1, 7))
                .isNotEqualTo(Ipv4Prefix.parse("10.1.3.0/24")).isNotEqualTo(Ipv4Prefix.parse("10.1.2.0/25"));
        assertThat(p.withPathId(1).hashCode()).isNotEqualTo(p.hashCode());
    }
}
