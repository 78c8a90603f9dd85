package dev.nlsql.policy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test body run once on each real engine (SQLite file, DuckDB, H2, PostgreSQL via
 * {@code NLSQL_PG_URL}), each in a fixture of its own under a temporary folder; the fixture is
 * closed after the body.
 */
abstract class OnEachEngine {

    @TempDir
    Path dir;

    /** The test body; {@code fx} is open and closed by the caller. */
    abstract void run(EngineFixture fx) throws Exception;

    private void runClosing(EngineFixture fx) throws Exception {
        try (fx) {
            run(fx);
        }
    }

    @Test
    void sqlite() throws Exception {
        runClosing(new SqliteFixture(dir));
    }

    @Test
    void duckdb() throws Exception {
        runClosing(new DuckDbFixture(dir));
    }

    @Test
    void h2() throws Exception {
        runClosing(new H2Fixture(dir));
    }

    @Test
    void postgresql() throws Exception {
        runClosing(new PostgresFixture(dir));
    }

    /** Checks {@code sql} with {@code p}, runs the SQL the decision gives, and refreshes the scratch catalog after a scratch write. */
    static PolicyDecision exec(EngineFixture fx, SqlPolicy p, String sql) throws SQLException {
        PolicyDecision d = p.check(sql);
        try (Statement st = fx.connection().createStatement()) {
            st.execute(d.sql());
        }
        if (d.kind() == StatementKind.SCRATCH_WRITE) {
            fx.refreshCatalog();
        }
        return d;
    }
}
