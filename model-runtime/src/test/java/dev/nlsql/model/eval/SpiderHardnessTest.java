package dev.nlsql.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpiderHardnessTest {

    /** {@code <nlsql.shared>/data/spider} (or {@code <nlsql.shared>/spider} where shared is the data folder). */
    static Path spider() {
        Path shared = Path.of(System.getProperty("nlsql.shared", "../../shared"));
        Path withData = shared.resolve("data").resolve("spider");
        return java.nio.file.Files.isDirectory(withData) ? withData : shared.resolve("spider");
    }

    @Test
    void devSetLevelsMatchThePublishedCounts() throws Exception {
        List<SpiderExample> dev = SpiderDataset.load(spider().resolve("dev.json"));
        assertEquals(1034, dev.size());
        Map<Hardness, Integer> counts = new EnumMap<>(Hardness.class);
        for (SpiderExample e : dev) {
            counts.merge(e.hardness(), 1, Integer::sum);
        }
        // Spider dev: 248 easy, 446 medium, 174 hard, 166 extra (official evaluation.py)
        assertEquals(Map.of(Hardness.EASY, 248, Hardness.MEDIUM, 446, Hardness.HARD, 174, Hardness.EXTRA, 166), counts);
    }

    @Test
    void knownExamples() throws Exception {
        List<SpiderExample> dev = SpiderDataset.load(spider().resolve("dev.json"));
        // "SELECT count(*) FROM singer"
        assertEquals(Hardness.EASY, dev.get(0).hardness());
        for (SpiderExample e : dev) {
            if (!e.parsedSql().get("intersect").isNull()) {
                // a top-level set operation is a nested component: hard at best
                assertEquals(true, e.hardness() == Hardness.HARD || e.hardness() == Hardness.EXTRA, e.query());
            }
        }
    }

    @Test
    void orderedGoldIsDetected() {
        SpiderExample e = new SpiderExample(0, "x", "q", "SELECT a FROM t ORDER  BY a", null);
        assertEquals(true, e.goldOrdered());
        assertEquals(false, new SpiderExample(0, "x", "q", "SELECT a FROM t", null).goldOrdered());
    }
}
