package dev.nlsql.policy;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fixed-seed mutation loop over the red-team corpora (about 4 s in every test run), with the
 * same engine invariant as {@link PolicyFuzzTest}: fragments that break parsers and lexers
 * (comment openers, quotes, separators, blank lines, NUL, full-width semicolons, dangerous calls)
 * inserted at random places, seeds spliced, truncated, duplicated.
 */
class PolicyMutationTest {

    private static FuzzHarness h;

    @BeforeAll
    static void setUp() throws Exception {
        h = new FuzzHarness();
    }

    @AfterAll
    static void tearDown() throws Exception {
        System.out.printf("[fuzz] mutations sqlite %s invariant=holds%n", h.counts);
        h.close();
    }

    @Test
    void seededMutations() throws Exception {
        Random r = new Random(Long.getLong("nlsql.fuzz.seed", 20261121L));
        long end = System.nanoTime() + Long.getLong("nlsql.fuzz.seconds", 4L) * 1_000_000_000L;
        String[] alphabet = {";", "--", "/*", "*/", "//", "#", "'", "\"", "`", "[", "]", "\\", "$$", "E'", "\n\n\n", "?",
            " UNION SELECT ", " DROP TABLE t", " load_extension('x')", "ATTACH '/tmp/nlsql_fuzz.db' AS f;",
            " INTO scratch.x", " FOR UPDATE", "(", ")", ",", " pragma_table_info('t')", "\u0000", "\uFF1B",
            "; CREATE TABLE pwned(x INT)", " /* /* */ ; DELETE FROM t; -- */", "E'\\''", " WITH d AS (DELETE FROM t RETURNING *) "};
        int n = 0;
        while (System.nanoTime() < end || n < 200) {
            String base = h.seeds.get(r.nextInt(h.seeds.size()));
            String frag = alphabet[r.nextInt(alphabet.length)];
            h.check(FuzzHarness.mutate(base, r.nextInt(6), base.isEmpty() ? 0 : r.nextInt(base.length() + 1), frag,
                    h.seeds.get(r.nextInt(h.seeds.size()))));
            n++;
        }
    }
}
