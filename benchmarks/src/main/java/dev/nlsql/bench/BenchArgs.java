package dev.nlsql.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code key=value} arguments of the thread-CPU benchmark mains ({@code PairedCpuOverhead},
 * {@code ProvenanceBenchScanRatio}, {@code ProvenanceCallerLatency},
 * {@code ProvenanceStoreThroughput}). A value may contain {@code =} (only the first one splits).
 */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();

    /**
     * @param args  the command line
     * @param known every key the main accepts
     * @throws IllegalArgumentException for an argument without {@code =} or with an unknown key
     */
    BenchArgs(String[] args, String... known) {
        List<String> keys = List.of(known);
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0 || !keys.contains(a.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument " + a + " (known: " + String.join("=, ", keys) + "=)");
            }
            values.put(a.substring(0, eq), a.substring(eq + 1));
        }
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int getInt(String key, int fallback) {
        String v = values.get(key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    boolean getBoolean(String key, boolean fallback) {
        String v = values.get(key);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }
}
