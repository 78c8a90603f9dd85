package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class ProvenanceIdsTest {

    @Test
    void idsAreVersion7AndIncreaseWithinAThread() {
        long before = System.currentTimeMillis();
        UUID last = ProvenanceIds.nextUuid();
        for (int i = 0; i < 20_000; i++) { // more than 4,096 per millisecond forces a borrowed millisecond
            UUID u = ProvenanceIds.nextUuid();
            assertEquals(7, u.version());
            assertEquals(2, u.variant());
            assertTrue(Long.compareUnsigned(u.getMostSignificantBits(), last.getMostSignificantBits()) > 0,
                    "ids increase");
            last = u;
        }
        long ms = last.getMostSignificantBits() >>> 16;
        assertTrue(ms >= before && ms <= System.currentTimeMillis() + 10, () -> "embedded time " + ms);
    }

    @Test
    void idsFromManyThreadsAreUnique() throws InterruptedException {
        ConcurrentLinkedQueue<String> all = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    all.add(ProvenanceIds.next());
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        Set<String> distinct = new HashSet<>(all);
        assertEquals(40_000, all.size());
        assertEquals(40_000, distinct.size());
        // the time-and-counter half alone is unique too: ids are ordered by creation within this JVM
        Set<Long> msbs = new HashSet<>();
        all.forEach(s -> msbs.add(UUID.fromString(s).getMostSignificantBits()));
        assertEquals(40_000, msbs.size());
    }
}
