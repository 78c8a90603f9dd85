package dev.nlsql.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Shared by the fuzz tests: a small SQLite source (tables t and u) opened read-write, so the
 * policy is the only wall; seeds from every red-team corpus; the invariant after each input.
 */
final class FuzzHarness {

    final SqliteFixture fx;
    private final Path dir;
    final CorpusRunner runner;
    final List<String> seeds;
    final CorpusRunner.Counts counts = new CorpusRunner.Counts();
    private final String digest0;
    private final Set<String> files0;

    FuzzHarness() throws Exception {
        dir = Files.createTempDirectory("nlsql-policy-fuzz");
        fx = new SqliteFixture(dir, false);
        runner = new CorpusRunner(fx, fx.policy(PolicyMode.READ_ONLY));
        seeds = Corpora.all().values().stream().flatMap(List::stream).map(Corpora.Case::sql).distinct().toList();
        digest0 = fx.digest();
        files0 = fx.files();
    }

    /** Mutation operators: insert a fragment, splice two seeds, duplicate, truncate, case-flip, or keep. */
    static String mutate(String base, int op, int pos, String frag, String other) {
        pos = Math.max(0, Math.min(pos, base.length()));
        return switch (op) {
            case 0 -> base.substring(0, pos) + frag + base.substring(pos);
            case 1 -> base.substring(0, pos) + other.substring(Math.min(other.length(), other.length() / 2));
            case 2 -> base + " " + base;
            case 3 -> base.substring(0, pos);
            case 4 -> base.toLowerCase().replace(" ", "\t");
            default -> base;
        };
    }

    /** Polices and (if allowed) runs one statement, then checks the source and the files. */
    void check(String sql) throws SQLException, IOException {
        runner.run(sql, counts);
        assertEquals(digest0, fx.digest(), () -> "source changed after: " + sql);
        assertEquals(files0, fx.files(), () -> "files appeared after: " + sql);
    }

    void close() throws Exception {
        fx.close();
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
