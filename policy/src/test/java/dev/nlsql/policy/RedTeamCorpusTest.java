package dev.nlsql.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every red-team corpus through every engine here. For each case: police it; if allowed, run the
 * re-rendered SQL on the real engine (opened read-write: the policy is the only wall). After each
 * corpus the source's content digest must be unchanged and no file the corpora name may have
 * appeared in the temp folder, nor any file besides source and scratch in the fixture folder.
 */
class RedTeamCorpusTest {

    private static final List<String> SUMMARY = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void sqlite() throws Exception {
        runAll(SqliteFixture::new);
    }

    @Test
    void duckdb() throws Exception {
        runAll(DuckDbFixture::new);
    }

    @Test
    void h2() throws Exception {
        runAll(H2Fixture::new);
    }

    @Test
    void postgresql() throws Exception {
        runAll(PostgresFixture::new);
    }

    interface FixtureFactory {
        EngineFixture create(Path dir) throws Exception;
    }

    private void runAll(FixtureFactory factory) throws Exception {
        Map<String, List<Corpora.Case>> corpora = Corpora.all();
        List<Corpora.Case> everything = corpora.values().stream().flatMap(List::stream).toList();
        Set<String> tmpBefore = CorpusRunner.strayTempFiles(everything);
        try (EngineFixture fx = factory.create(dir)) {
            SqlPolicy policy = fx.policy(PolicyMode.READ_ONLY);
            CorpusRunner runner = new CorpusRunner(fx, policy);
            String digest0 = fx.digest();
            Set<String> files0 = fx.files();
            CorpusRunner.Counts total = new CorpusRunner.Counts();
            for (Map.Entry<String, List<Corpora.Case>> corpus : corpora.entrySet()) {
                CorpusRunner.Counts counts = new CorpusRunner.Counts();
                for (Corpora.Case c : corpus.getValue()) {
                    runner.run(c.sql(), counts);
                }
                boolean digestSame = digest0.equals(fx.digest());
                boolean filesSame = files0.equals(fx.files());
                Set<String> tmpNow = CorpusRunner.strayTempFiles(everything);
                boolean tmpSame = tmpBefore.containsAll(tmpNow);
                String line = String.format("%-10s %-22s %s invariant=%s", fx.engine().id(), corpus.getKey(), counts,
                        digestSame && filesSame && tmpSame ? "holds" : "BROKEN");
                System.out.println("[redteam] " + line);
                SUMMARY.add(line);
                assertEquals(digest0, fx.digest(), fx.engine() + ": source changed after corpus " + corpus.getKey());
                assertEquals(files0, fx.files(), fx.engine() + ": files appeared after corpus " + corpus.getKey());
                assertEquals(tmpBefore, tmpBefore.size() >= tmpNow.size() && tmpBefore.containsAll(tmpNow) ? tmpBefore : tmpNow,
                        fx.engine() + ": files named by the corpora appeared in the temp folder after " + corpus.getKey());
                total.cases += counts.cases;
                total.refused += counts.refused;
                total.ran += counts.ran;
                total.engineError += counts.engineError;
            }
            String line = String.format("%-10s %-22s %s invariant=holds", fx.engine().id(), "TOTAL", total);
            System.out.println("[redteam] " + line);
            SUMMARY.add(line);
        }
    }

    @AfterAll
    static void summary() {
        System.out.println("[redteam] ===== summary =====");
        SUMMARY.forEach(l -> System.out.println("[redteam] " + l));
    }
}
