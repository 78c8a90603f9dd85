package dev.nlsql.driver.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watchdog cancels past-deadline statements, stops on demand (driver deregistered) and restarts on the next watch. */
class QueryWatchdogTest {

    /** A statement whose execution is past its deadline; counts the cancels. */
    private static final class Overdue implements QueryWatchdog.Watched {
        final CountDownLatch cancelled = new CountDownLatch(1);
        volatile long deadline = System.nanoTime() - 1;

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public void cancelForTimeout() {
            deadline = 0;
            cancelled.countDown();
        }
    }

    private static long watchdogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("nlsql-query-watchdog")).count();
    }

    @Test
    void stopEndsTheThreadAndTheNextWatchStartsIt() throws Exception {
        QueryWatchdog dog = QueryWatchdog.get();
        Overdue first = new Overdue();
        dog.watch(first);
        try {
            assertTrue(first.cancelled.await(2, TimeUnit.SECONDS), "cancelled past its deadline");
            assertEquals(1, watchdogThreads());
            assertTrue(dog.stop(1000), "stopped within 1 s");
            assertEquals(0, watchdogThreads());
        } finally {
            dog.unwatch(first);
        }
        Overdue second = new Overdue();
        dog.watch(second);
        try {
            assertTrue(second.cancelled.await(2, TimeUnit.SECONDS), "a watch after stop starts the thread again");
            assertEquals(1, watchdogThreads());
        } finally {
            dog.unwatch(second);
        }
    }
}
