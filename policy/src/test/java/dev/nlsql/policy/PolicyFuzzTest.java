package dev.nlsql.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the policy against a real SQLite engine (source read-write: the policy is the only
 * wall). Inputs start from the red-team corpora and are mutated; every allowed statement runs,
 * and after each input the source digest and the fixture's files must be unchanged.
 *
 * <p>In the normal test run: {@link #fuzz} runs in Jazzer's regression mode (its seeds only) and
 * {@link #seededMutations} runs a fixed-seed mutation loop for a few seconds. Longer, with
 * coverage-guided mutation: {@code JAZZER_FUZZ=1 ./mvnw -pl policy -am test -Dtest=PolicyFuzzTest#fuzz
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=10m} (see policy/README.md).
 */
class PolicyFuzzTest {

    private static Path dir;
    private static SqliteFixture fx;
    private static CorpusRunner runner;
    private static List<String> seeds;
    private static String digest0;
    private static Set<String> files0;
    private static final CorpusRunner.Counts COUNTS = new CorpusRunner.Counts();

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("nlsql-policy-fuzz");
        fx = new SqliteFixture(dir, false);
        runner = new CorpusRunner(fx, fx.policy(PolicyMode.READ_ONLY));
        seeds = Corpora.all().values().stream().flatMap(List::stream).map(Corpora.Case::sql).distinct().toList();
        digest0 = fx.digest();
        files0 = fx.files();
    }

    @AfterAll
    static void tearDown() throws Exception {
        System.out.printf("[fuzz] sqlite %s invariant=holds%n", COUNTS);
        fx.close();
    }

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) throws Exception {
        String base = seeds.get(data.consumeInt(0, seeds.size() - 1));
        String sql = mutate(base, data.consumeInt(0, 5), data.consumeInt(0, Math.max(0, base.length())),
                data.consumeString(40), seeds.get(data.consumeInt(0, seeds.size() - 1)));
        check(sql);
    }

    @Test
    void seededMutations() throws Exception {
        Random r = new Random(20261121L);
        long end = System.nanoTime() + 4_000_000_000L;
        String[] alphabet = {";", "--", "/*", "*/", "//", "#", "'", "\"", "`", "[", "]", "\\", "$$", "E'", "\n\n\n", "?",
            " UNION SELECT ", " DROP TABLE t", " load_extension('x')", "ATTACH '/tmp/nlsql_fuzz.db' AS f;",
            " INTO scratch.x", " FOR UPDATE", "(", ")", ",", " pragma_table_info('t')", "\u0000", "\uFF1B"};
        int n = 0;
        while (System.nanoTime() < end || n < 300) {
            String base = seeds.get(r.nextInt(seeds.size()));
            String frag = alphabet[r.nextInt(alphabet.length)];
            check(mutate(base, r.nextInt(6), base.isEmpty() ? 0 : r.nextInt(base.length() + 1), frag,
                    seeds.get(r.nextInt(seeds.size()))));
            n++;
        }
    }

    /** Mutation operators: insert a fragment, splice two seeds, duplicate, truncate, case-flip, or keep. */
    static String mutate(String base, int op, int pos, String frag, String other) {
        pos = Math.min(pos, base.length());
        return switch (op) {
            case 0 -> base.substring(0, pos) + frag + base.substring(pos);
            case 1 -> base.substring(0, pos) + other.substring(Math.min(other.length(), other.length() / 2));
            case 2 -> base + " " + base;
            case 3 -> base.substring(0, pos);
            case 4 -> base.toLowerCase().replace(" ", "\t");
            default -> base;
        };
    }

    private static void check(String sql) throws SQLException, java.io.IOException {
        runner.run(sql, COUNTS);
        assertEquals(digest0, fx.digest(), () -> "source changed after: " + sql);
        assertEquals(files0, fx.files(), () -> "files appeared after: " + sql);
    }
}
