package dev.podbgp.daemon.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleCollectorTest {
    private static final long MIB = 1L << 20;

    private long used;
    private long live;
    private long events;
    private boolean busy;
    private long now;
    private int collections;
    private final List<Long> reported = new ArrayList<>();

    private final IdleCollector collector = new IdleCollector(new IdleCollector.OldGeneration() {
        @Override
        public long used() {
            return used;
        }

        @Override
        public long liveAfterLastFull() {
            return live;
        }
    }, () -> events, () -> busy, () -> {
        collections++;
        now += 300_000_000L;
        live = used / 2;
        used = live;
    }, () -> now, reported::add);

    /** One check a second, as the daemon schedules them. */
    private boolean tick() {
        now += 1_000_000_000L;
        return collector.check();
    }

    @Test
    void collectsOnceTheRibIsQuietForACheckAndGarbageIsWorthIt() {
        used = 120 * MIB;
        assertThat(tick()).as("the first reading only notes the events").isFalse();
        assertThat(tick()).isTrue();
        assertThat(collections).isEqualTo(1);
        assertThat(reported).containsExactly(300_000_000L);
        assertThat(used).isEqualTo(60 * MIB);
    }

    @Test
    void heavyRoutingOrWorkInHandPutsItOff() {
        used = 200 * MIB;
        tick();
        for (int i = 0; i < 10; i++) {
            events += IdleCollector.LIGHT_WORK + 1;
            assertThat(tick()).isFalse();
        }
        busy = true;
        assertThat(tick()).isFalse();
        assertThat(tick()).isFalse();
        busy = false;
        assertThat(tick()).isTrue();
    }

    @Test
    void lightRoutingDoesNotPutItOff() {
        // An Internet feed's background churn: it never stops for a second, and its garbage must still go.
        used = 200 * MIB;
        tick();
        events += 300;
        assertThat(tick()).isTrue();
        used += 100 * MIB;
        now += 5_000_000_000L;
        events += IdleCollector.LIGHT_WORK;
        assertThat(tick()).as("exactly the light limit").isTrue();
        assertThat(collections).isEqualTo(2);
    }

    @Test
    void garbageBelowThirtyTwoMibOrAQuarterOfWhatLivesIsLeft() {
        live = 10 * MIB;
        used = live + 31 * MIB;
        for (int i = 0; i < 5; i++) {
            assertThat(tick()).isFalse();
        }
        used = live + 32 * MIB;
        assertThat(tick()).isTrue();

        live = 400 * MIB;
        used = live + 99 * MIB;
        for (int i = 0; i < 15; i++) {
            assertThat(tick()).isFalse();
        }
        used = live + 100 * MIB;
        assertThat(tick()).isTrue();
    }

    @Test
    void atMostOneCollectionInFiveSeconds() {
        used = 100 * MIB;
        tick();
        assertThat(tick()).isTrue();
        long first = now;
        used = 200 * MIB;
        int more = 0;
        while (now - first < 4_000_000_000L) {
            more += tick() ? 1 : 0;
        }
        assertThat(more).isZero();
        assertThat(tick()).as("five seconds after the first").isTrue();
        assertThat(collections).isEqualTo(2);
    }

    @Test
    void onlyTheCollectorsThatLeaveOldGarbageUntilFullGetIt() {
        assertThat(IdleCollector.oldPool(List.of(pool("PS Eden Space", MemoryType.HEAP),
                pool("PS Old Gen", MemoryType.HEAP)))).map(MemoryPoolMXBean::getName).contains("PS Old Gen");
        assertThat(IdleCollector.oldPool(List.of(pool("Eden Space", MemoryType.HEAP),
                pool("Tenured Gen", MemoryType.HEAP)))).map(MemoryPoolMXBean::getName).contains("Tenured Gen");
        assertThat(IdleCollector.oldPool(List.of(pool("G1 Eden Space", MemoryType.HEAP),
                pool("G1 Old Gen", MemoryType.HEAP), pool("Metaspace", MemoryType.NON_HEAP)))).isEmpty();
        assertThat(IdleCollector.oldPool(List.of(pool("ZHeap", MemoryType.HEAP)))).isEmpty();
    }

    private static MemoryPoolMXBean pool(String name, MemoryType type) {
        return (MemoryPoolMXBean) Proxy.newProxyInstance(IdleCollectorTest.class.getClassLoader(),
                new Class<?>[] {MemoryPoolMXBean.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getType" -> type;
                    case "toString" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
