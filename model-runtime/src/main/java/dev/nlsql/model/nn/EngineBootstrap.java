package dev.nlsql.model.nn;

/**
 * Prepares DJL before its first use: offline mode (nothing is downloaded at run time; without it
 * the engine probes the network at start-up) and the PyTorch thread counts. Every class that
 * touches DJL calls {@link #ensure()} first.
 *
 * <p>System properties read: {@code nlsql.model.threads} (intra-op threads, default
 * {@code min(2, available processors)}); an explicit {@code ai.djl.pytorch.num_threads} wins.
 */
public final class EngineBootstrap {

    static {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            int def = Math.min(2, Runtime.getRuntime().availableProcessors());
            String t = System.getProperty("nlsql.model.threads", String.valueOf(def));
            System.setProperty("ai.djl.pytorch.num_threads", t);
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    private EngineBootstrap() {}

    /** Applies the settings (idempotent; the work happens once, in the static initialiser). */
    public static void ensure() {
        // class initialisation does the work
    }
}
