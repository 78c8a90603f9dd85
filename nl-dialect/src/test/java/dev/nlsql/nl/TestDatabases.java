package dev.nlsql.nl;

import dev.nlsql.provenance.SchemaScope;
import dev.nlsql.provenance.SchemaSnapshot;
import dev.nlsql.provenance.SchemaSnapshotter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The shared test databases, opened read-only, and a schema snapshot read from JDBC metadata. */
final class TestDatabases {

    private TestDatabases() {}

    static Path shared() {
        String p = System.getProperty("nlsql.shared", "../../shared/data");
        Path base = Path.of(p);
        return Files.isDirectory(base.resolve("data")) ? base.resolve("data") : base;
    }

    static Path chinook() {
        return shared().resolve("databases/chinook/Chinook_Sqlite.sqlite");
    }

    static Path northwind() {
        return shared().resolve("databases/northwind/northwind.db");
    }

    static Connection openSqlite(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro", new java.util.Properties());
    }

    /** The provenance module's canonical snapshot of everything in the database. */
    static SchemaSnapshot snapshot(Connection c) throws Exception {
        return SchemaSnapshotter.snapshot(c, SchemaScope.all());
    }
}
