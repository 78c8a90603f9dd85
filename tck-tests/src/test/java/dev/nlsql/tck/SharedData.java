package dev.nlsql.tck;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths into the shared data folder ({@code -Dnlsql.shared}, set by Surefire to {@code ../shared}). */
final class SharedData {

    private SharedData() {
    }

    /** {@code <nlsql.shared>/data/databases/<relative>} (or without {@code data/} if that is the layout). */
    static Path database(String relative) {
        String shared = System.getProperty("nlsql.shared", "../shared");
        Path withData = Path.of(shared, "data", "databases").resolve(relative);
        return Files.exists(withData) ? withData : Path.of(shared, "databases").resolve(relative);
    }

    /** The SQLite Chinook database (read it from a copy: tests must not touch the shared file). */
    static Path chinookSqlite() {
        return database("chinook/Chinook_Sqlite.sqlite");
    }
}
