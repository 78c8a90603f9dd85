package dev.nlsql.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** Real test databases: Chinook copies under target/, the loopback PostgreSQL server. */
public final class TestDbs {
    private TestDbs() {}

    public static Path shared() {
        String s = System.getProperty("nlsql.shared");
        return s != null ? Path.of(s) : Path.of("..", "..", "shared");
    }

    public static Path chinookSqlite() {
        Path p = shared().resolve("data/databases/chinook/Chinook_Sqlite.sqlite");
        return Files.exists(p) ? p : shared().resolve("databases/chinook/Chinook_Sqlite.sqlite");
    }

    /** A fresh directory under target/test-dbs. */
    public static Path dir() throws IOException {
        Path d = Path.of("target", "test-dbs", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Files.createDirectories(d);
        return d;
    }

    /** A private copy of Chinook (SQLite) under target/. */
    public static Path chinookCopy() throws IOException {
        Path d = dir().resolve("Chinook.sqlite");
        Files.copy(chinookSqlite(), d, StandardCopyOption.REPLACE_EXISTING);
        return d;
    }

    /** PostgreSQL URL without jdbc: ({@code NLSQL_PG_URL}, else the local default). */
    public static String pg() {
        String env = System.getenv("NLSQL_PG_URL");
        return env != null && !env.isBlank() ? env.replaceFirst("^jdbc:", "")
                : "postgresql://127.0.0.1:54329/nlsql?user=nlsql&password=nlsql";
    }

    /** A unique identifier-safe suffix. */
    public static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
