package dev.nlsql.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Polices each case and, when allowed, executes the re-rendered SQL on the real engine. The
 * verdict is not trusted: after each corpus the caller compares the source digest and the files.
 */
final class CorpusRunner {

    /** Counts for one corpus on one engine. */
    static final class Counts {
        int cases;
        int refused;
        int ran;
        int engineError;
        int timedOut;

        @Override
        public String toString() {
            return String.format("cases=%d refused=%d allowed-and-ran=%d allowed-engine-error=%d", cases, refused, ran,
                    engineError);
        }
    }

    private final EngineFixture fx;
    private final SqlPolicy policy;

    CorpusRunner(EngineFixture fx, SqlPolicy policy) {
        this.fx = fx;
        this.policy = policy;
    }

    /** Runs one statement; returns true when the policy allowed it. */
    boolean run(String sql, Counts counts) throws SQLException {
        counts.cases++;
        PolicyDecision d;
        try {
            d = policy.check(sql);
        } catch (PolicyException e) {
            String state = e.getSQLState();
            if (!state.equals("42501") && !state.equals("25006") && !state.equals("42000")) {
                throw new AssertionError("refusal with SQLState " + state + " for " + sql, e);
            }
            counts.refused++;
            return false;
        }
        if (d.kind() == StatementKind.OTHER) {
            throw new AssertionError("kind OTHER allowed outside audit: " + sql);
        }
        if (Boolean.getBoolean("nlsql.redteam.verbose")) {
            System.out.println("[allowed] " + fx.engine().id() + " " + sql.replace("\n", "\\n") + "  ==>  " + d.sql());
        }
        Connection c = fx.connection();
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(2);
            st.setMaxRows(50);
            if (st.execute(d.sql())) {
                try (ResultSet rs = st.getResultSet()) {
                    int n = 0;
                    while (n++ < 50 && rs.next()) {
                        // drain
                    }
                }
            }
            counts.ran++;
        } catch (SQLException e) {
            counts.engineError++;
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            if (c.isClosed() || !c.isValid(2)) {
                fx.conn = null;
            }
        }
        if (d.kind() == StatementKind.SCRATCH_WRITE) {
            fx.refreshCatalog();
        }
        return true;
    }

    /** Names of top-level entries in the system temp folder that the corpora mention. */
    static Set<String> strayTempFiles(List<Corpora.Case> cases) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.length() < 3) {
                    continue;
                }
                for (Corpora.Case c : cases) {
                    if (c.sql().contains("/" + name) || c.sql().contains("\\" + name)) {
                        out.add(name);
                        break;
                    }
                }
            }
        }
        return out;
    }
}
