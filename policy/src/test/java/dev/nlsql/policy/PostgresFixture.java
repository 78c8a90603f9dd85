package dev.nlsql.policy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL 15 on loopback ({@code NLSQL_PG_URL}, else the local default): a source schema and
 * a scratch schema, both unique to this run, dropped on close. search_path is the source schema, then scratch.
 */
final class PostgresFixture extends EngineFixture {

    static final String DEFAULT_URL = "postgresql://127.0.0.1:54329/nlsql?user=nlsql&password=nlsql";
    private final String srcSchema;
    private final String scratch;

    PostgresFixture(Path dir) throws Exception {
        super(dir);
        String suffix = Long.toString(ProcessHandle.current().pid()) + "_" + Long.toString(System.nanoTime() % 100000);
        this.srcSchema = "polsrc_" + suffix;
        this.scratch = "polscr_" + suffix;
        try (Statement st = connection().createStatement()) {
            st.execute("CREATE SCHEMA " + srcSchema);
            st.execute("CREATE SCHEMA " + scratch);
            st.execute("CREATE SEQUENCE " + srcSchema + ".s");
            st.execute("SET search_path = " + srcSchema + ", " + scratch);
        }
        loadSource("INTEGER", "TEXT", "TIMESTAMP", "NUMERIC(10,2)");
    }

    static String jdbcUrl() {
        String u = System.getenv("NLSQL_PG_URL");
        if (u == null || u.isBlank()) {
            u = DEFAULT_URL;
        }
        return u.startsWith("jdbc:") ? u : "jdbc:" + u;
    }

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    String scratchSchema() {
        return scratch;
    }

    @Override
    Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl());
        if (srcSchema != null) {
            try (Statement st = c.createStatement()) {
                st.execute("SET search_path = " + srcSchema + ", " + scratch);
            }
        }
        return c;
    }

    @Override
    String src(String table) {
        return srcSchema + "." + table;
    }

    @Override
    List<String> sourceTables() throws SQLException {
        return names("SELECT table_schema || '.\"' || table_name || '\"' FROM information_schema.tables"
                + " WHERE table_schema = '" + srcSchema + "' AND table_type = 'BASE TABLE'");
    }

    @Override
    List<String> sourceObjects() throws SQLException {
        List<String> out = names("SELECT 'rel:' || c.relname || ':' || c.relkind::text FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = '" + srcSchema + "'");
        out.addAll(names("SELECT 'seq:' || coalesce(last_value::text, 'null') FROM " + srcSchema + ".s"));
        out.addAll(names("SELECT 'fn:' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = '" + srcSchema + "'"));
        out.addAll(names("SELECT 'lo:' || count(*) FROM pg_largeobject_metadata"));
        out.addAll(names("SELECT 'ext:' || extname FROM pg_extension"));
        return out;
    }

    @Override
    List<String> scratchObjects() throws SQLException {
        return names("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + scratch + "'");
    }

    @Override
    public void close() throws Exception {
        try (Statement st = connection().createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + srcSchema + " CASCADE");
            st.execute("DROP SCHEMA IF EXISTS " + scratch + " CASCADE");
        }
        super.close();
    }
}
