package dev.nlsql.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the thread-CPU benchmarks on 1,000 rows so that a broken one shows up in the normal test
 * run (the figures themselves are meaningless at this size; see benchmarks/README.md).
 */
class CpuBenchmarksSmokeTest {

    private static String run(ThrowingMain main) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        old.print(text);
        return text;
    }

    @FunctionalInterface
    private interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void pairedOverheadMeasuresBothEnginesOnTheSharedConnection() throws Exception {
        String out = run(() -> PairedCpuOverhead.main(new String[] {"engines=sqlite,h2", "rows=1000", "pairs=4",
                "nlsqlProps=nlsql.policy.mode=read-only;nlsql.timeout.seconds=0"}));
        assertTrue(out.contains("raw side = the nlsql connection's own target connection"), out);
        for (String engine : new String[] {"sqlite", "h2"}) {
            Matcher m = Pattern.compile(engine + "\\s+scan 1000 rows\\s+median (\\d+\\.\\d+)x").matcher(out);
            assertTrue(m.find(), out);
            assertTrue(Double.parseDouble(m.group(1)) > 0, out);
            assertTrue(Pattern.compile(engine + "\\s+pointSelect.*added -?\\d+\\.\\d+ µs per statement").matcher(out).find(), out);
        }
    }

    @Test
    void scanBreakdownPrintsEveryVariant() throws Exception {
        String out = run(() -> ProvenanceBenchScanRatio.main(new String[] {"engines=sqlite,h2-ro", "rows=1000", "rounds=1"}));
        for (String variant : new String[] {"typed", "getObject", "getObject\\+unordered", "getObject\\+both"}) {
            Matcher m = Pattern.compile("(?m)^\\s+(sqlite|h2-ro)\\s+" + variant + "\\s+\\d").matcher(out);
            int n = 0;
            while (m.find()) {
                n++;
            }
            assertEquals(2, n, variant + " once per engine:\n" + out);
        }
        assertTrue(Pattern.compile("(?m)^\\s+sqlite\\s+sqlite-internal\\s+\\d").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^\\s+sqlite\\s+typed\\s+.*1\\.000x").matcher(out).find(), out);
    }
}
