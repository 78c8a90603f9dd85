package dev.nlsql.driver.pipeline;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Cancels statements that run past their deadline, for engines whose driver ignores
 * {@code setQueryTimeout} while a query runs (xerial SQLite). One daemon thread checks the
 * registered statements every 50 ms; arming a statement costs two volatile writes, so the
 * normal path stays cheap. Precision: the timeout plus up to 50 ms. The thread
 * ({@code nlsql-query-watchdog}) ends after 10 s with no open watched statement, or at once on
 * {@link #stop()} (driver deregistered), and starts again on demand.
 */
public final class QueryWatchdog {

    /** A statement the watchdog may cancel. */
    public interface Watched {
        /** {@link System#nanoTime()} deadline of the running execution, 0 when idle. */
        long deadlineNanos();

        /** Cancels the running execution (called on the watchdog thread). */
        void cancelForTimeout();
    }

    private static final long PERIOD_NANOS = 50_000_000L;
    private static final int IDLE_PERIODS_BEFORE_EXIT = 200;
    private static final QueryWatchdog INSTANCE = new QueryWatchdog();

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;

    private QueryWatchdog() {}

    public static QueryWatchdog get() {
        return INSTANCE;
    }

    /** Starts watching {@code w} (until {@link #unwatch}). */
    public void watch(Watched w) {
        watched.add(w);
        if (thread == null) {
            synchronized (this) {
                if (thread == null) {
                    Thread t = new Thread(this::loop, "nlsql-query-watchdog");
                    t.setDaemon(true);
                    thread = t;
                    t.start();
                }
            }
        }
    }

    public void unwatch(Watched w) {
        watched.remove(w);
    }

    /**
     * Stops the watchdog thread now (statements still watched are no longer cancelled at their
     * deadline until the next {@link #watch}) and waits up to {@code waitMs} ms for it to end.
     *
     * @return true when no watchdog thread is running on return
     */
    public boolean stop(long waitMs) {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t == null) {
            return true;
        }
        LockSupport.unpark(t);
        try {
            t.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private void loop() {
        int idle = 0;
        while (true) {
            LockSupport.parkNanos(PERIOD_NANOS);
            if (thread != Thread.currentThread()) {
                return; // stopped (or replaced by a newer thread after a stop)
            }
            if (watched.isEmpty()) {
                // nothing open for a while: stop (so an unloaded driver class loader is not kept alive)
                if (++idle >= IDLE_PERIODS_BEFORE_EXIT) {
                    synchronized (this) {
                        if (thread != Thread.currentThread()) {
                            return;
                        }
                        if (watched.isEmpty()) {
                            thread = null;
                            return;
                        }
                    }
                    idle = 0;
                }
                continue;
            }
            idle = 0;
            long now = System.nanoTime();
            for (Watched w : watched) {
                long d = w.deadlineNanos();
                if (d != 0 && now - d > 0) {
                    try {
                        w.cancelForTimeout();
                    } catch (RuntimeException e) {
                        // a statement closing concurrently; nothing to cancel
                    }
                }
            }
        }
    }
}
