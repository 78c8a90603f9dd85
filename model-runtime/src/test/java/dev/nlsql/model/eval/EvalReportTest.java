package dev.nlsql.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.ModelIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalReportTest {

    private static EvalOutcome outcome(Hardness h, boolean correct, boolean emitted, double ms) {
        return new EvalOutcome(0, "db", h, "q", "q", Map.of(), "SELECT 1", emitted ? "SELECT 1" : null,
                emitted, emitted, emitted, emitted, correct, null, ms);
    }

    @Test
    void summaryCountsAndPercentiles() {
        List<EvalOutcome> o = List.of(outcome(Hardness.EASY, true, true, 10), outcome(Hardness.EASY, false, true, 20),
                outcome(Hardness.HARD, true, true, 30), outcome(Hardness.EXTRA, false, false, 40));
        EvalSummary s = EvalSummary.of(o);
        assertEquals(4, s.questions());
        assertEquals(2, s.correct());
        assertEquals(0.5, s.executionAccuracy(), 1e-9);
        assertEquals(0.5, s.byHardness().get("easy").executionAccuracy(), 1e-9);
        assertEquals(0, s.byHardness().get("medium").questions());
        assertEquals(1.0, s.byHardness().get("hard").executionAccuracy(), 1e-9);
        assertEquals(3, s.emitted());
        assertEquals(1.0, s.parseRate(), 1e-9);
        assertEquals(20, s.latencyP50Ms(), 1e-9);
        assertEquals(40, s.latencyP95Ms(), 1e-9);
        assertEquals(25, s.latencyMeanMs(), 1e-9);
    }

    private static EvalOutcome timed(double translateMs, Double selectMs) {
        return new EvalOutcome(0, "db", Hardness.EASY, "q", "q", Map.of(), "SELECT 1", "SELECT 1", true, true, true, true,
                true, null, translateMs, selectMs);
    }

    @Test
    void selectionTimeIsSummarisedApartFromTranslationWhereMeasured() {
        EvalSummary s = EvalSummary.of(List.of(timed(10, 1.0), timed(20, 40.0), timed(30, 5.0), timed(40, null)));
        assertEquals(20, s.latencyP50Ms(), 1e-9);
        assertEquals(3, s.selectionMeasured());
        assertEquals(5.0, s.selectionP50Ms(), 1e-9);
        assertEquals(40.0, s.selectionP95Ms(), 1e-9);
        assertEquals(46.0 / 3, s.selectionMeanMs(), 1e-9);
        assertEquals(35.0, s.totalP50Ms(), 1e-9); // totals 11, 60, 35
        assertEquals(60.0, timed(20, 40.0).totalMs(), 1e-9);
        assertEquals(40.0, timed(40, null).totalMs(), 1e-9);
        assertTrue(s.toLines().get(s.toLines().size() - 1).contains("selection"), s.toLines().toString());

        EvalSummary none = EvalSummary.of(List.of(outcome(Hardness.EASY, true, true, 10)));
        assertEquals(0, none.selectionMeasured());
        assertEquals(null, none.selectionP50Ms());
        assertTrue(none.toLines().stream().noneMatch(l -> l.contains("selection")), none.toLines().toString());
    }

    @Test
    void jsonRoundTripAndPng(@TempDir Path dir) throws Exception {
        List<EvalOutcome> o = List.of(outcome(Hardness.EASY, true, true, 10), outcome(Hardness.MEDIUM, false, true, 20),
                timed(30, 12.5));
        EvalReport r = new EvalReport("spider-dev", new ModelIdentity("m", "ab", "greedy"), "2026-01-01T00:00:00Z", 1.5,
                EvalSummary.of(o), o);
        Path json = dir.resolve("out/report.json");
        r.write(json);
        assertEquals(r, EvalReport.read(json));
        Path png = dir.resolve("out/chart.png");
        AccuracyChart.write(r.summary(), "m", png);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() == AccuracyChart.WIDTH);
    }

    @Test
    void progressLine() {
        assertEquals("[ 10/100] EX 50.0% | 2.00 q/s | elapsed 0m05s | ETA 0m45s", ProgressLine.format(10, 100, 5, 5000));
    }
}
