package dev.nlsql.policy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** SQLite: an empty in-memory main database, the source attached as {@code src}, scratch as {@code scratch}. */
final class SqliteFixture extends EngineFixture {

    SqliteFixture(Path dir) throws Exception {
        this(dir, true);
    }

    SqliteFixture(Path dir, boolean chinook) throws Exception {
        super(dir);
        loadSource("INTEGER", "TEXT", "TEXT", "NUMERIC", chinook);
    }

    @Override
    Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement st = c.createStatement()) {
            st.execute("ATTACH DATABASE '" + dir.resolve("src.sqlite") + "' AS src");
            st.execute("ATTACH DATABASE '" + dir.resolve("scratch.sqlite") + "' AS scratch");
        }
        return c;
    }

    @Override
    String src(String table) {
        return "src." + table;
    }

    @Override
    List<String> sourceTables() throws SQLException {
        return names("SELECT 'src.\"' || name || '\"' FROM src.sqlite_master WHERE type = 'table'");
    }

    @Override
    List<String> sourceObjects() throws SQLException {
        List<String> out = names("SELECT type || ':' || name || ':' || coalesce(sql, '') FROM src.sqlite_master");
        out.addAll(names("SELECT name FROM pragma_database_list"));
        return out;
    }

    @Override
    List<String> scratchObjects() throws SQLException {
        return names("SELECT name FROM scratch.sqlite_master WHERE type IN ('table', 'view')");
    }
}
