package dev.nlsql.policy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** DuckDB: in-memory main, source file attached as {@code src} (USE src), scratch file as {@code scratch}. */
final class DuckDbFixture extends EngineFixture {

    DuckDbFixture(Path dir) throws Exception {
        super(dir);
        loadSource("INTEGER", "VARCHAR", "TIMESTAMP", "DECIMAL(10,2)");
    }

    @Override
    Engine engine() {
        return Engine.DUCKDB;
    }

    @Override
    Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = c.createStatement()) {
            st.execute("SET autoinstall_known_extensions = false");
            st.execute("SET autoload_known_extensions = false");
            st.execute("ATTACH '" + dir.resolve("src.duckdb") + "' AS src");
            st.execute("ATTACH '" + dir.resolve("scratch.duckdb") + "' AS scratch");
            st.execute("USE src");
            st.execute("SET search_path = 'src.main,scratch.main'");
        }
        return c;
    }

    @Override
    String src(String table) {
        return "src.main." + table;
    }

    @Override
    List<String> sourceTables() throws SQLException {
        return names("SELECT 'src.main.\"' || table_name || '\"' FROM duckdb_tables() WHERE database_name = 'src'");
    }

    @Override
    List<String> sourceObjects() throws SQLException {
        List<String> out = names("SELECT 'view:' || view_name || ':' || sql FROM duckdb_views() WHERE database_name = 'src'");
        out.addAll(names("SELECT 'seq:' || sequence_name FROM duckdb_sequences() WHERE database_name = 'src'"));
        out.addAll(names("SELECT 'macro:' || function_name FROM duckdb_functions() WHERE database_name = 'src'"
                + " AND function_type LIKE '%macro%'"));
        out.addAll(names("SELECT 'db:' || database_name || ':' || coalesce(path, '') FROM duckdb_databases()"));
        return out;
    }

    @Override
    List<String> scratchObjects() throws SQLException {
        List<String> out = names("SELECT table_name FROM duckdb_tables() WHERE database_name = 'scratch'");
        out.addAll(names("SELECT view_name FROM duckdb_views() WHERE database_name = 'scratch'"));
        return out;
    }
}
