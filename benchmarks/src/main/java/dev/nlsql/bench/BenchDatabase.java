package dev.nlsql.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A throw-away database for the benchmarks: table {@code t(id INTEGER PRIMARY KEY, k INTEGER,
 * v VARCHAR(20))} with ids 1..rows, {@code k = id % 1000}, {@code v = 'row-' || id}, in a
 * temporary folder. Engines: {@code sqlite}, {@code h2}, {@code duckdb}.
 */
public final class BenchDatabase implements AutoCloseable {

    /** The raw JDBC URL, e.g. {@code jdbc:sqlite:/tmp/nlsql-bench-1/bench.db}. */
    public final String rawUrl;
    private final Path dir;

    private BenchDatabase(String rawUrl, Path dir) {
        this.rawUrl = rawUrl;
        this.dir = dir;
    }

    /**
     * Creates the folder and fills the table.
     *
     * @param engine {@code sqlite}, {@code h2} or {@code duckdb}
     * @param rows   number of rows (1M for the scan benchmark)
     * @throws SQLException when the engine fails; IllegalArgumentException for an unknown engine
     */
    public static BenchDatabase create(String engine, int rows) throws SQLException {
        Path dir;
        try {
            dir = Files.createTempDirectory("nlsql-bench-" + engine + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url;
        String fill;
        switch (engine) {
            case "sqlite" -> {
                url = "jdbc:sqlite:" + dir.resolve("bench.db");
                fill = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + rows + ")"
                        + " INSERT INTO t SELECT x, x % 1000, 'row-' || x FROM c";
            }
            case "h2" -> {
                url = "jdbc:h2:" + dir.resolve("bench");
                fill = "INSERT INTO t SELECT X, MOD(X, 1000), 'row-' || X FROM SYSTEM_RANGE(1, " + rows + ")";
            }
            case "duckdb" -> {
                url = "jdbc:duckdb:" + dir.resolve("bench.duckdb");
                fill = "INSERT INTO t SELECT i, i % 1000, 'row-' || i FROM range(1, " + (rows + 1) + ") r(i)";
            }
            default -> throw new IllegalArgumentException("unknown engine " + engine + " (sqlite, h2, duckdb)");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, v VARCHAR(20))");
            s.execute(fill);
        }
        return new BenchDatabase(url, dir);
    }

    /** {@code jdbc:nlsql:} + the raw URL without {@code jdbc:}. */
    public String nlsqlUrl() {
        return "jdbc:nlsql:" + rawUrl.substring("jdbc:".length());
    }

    /**
     * Opens a connection.
     *
     * @param target    {@code raw} (the engine's driver) or {@code nlsql} (through the proxy)
     * @param nlsqlProps {@code key=value} pairs separated by {@code ;} for the nlsql side ("" for none)
     */
    public Connection open(String target, String nlsqlProps) throws SQLException {
        if (target.equals("raw")) {
            return DriverManager.getConnection(rawUrl);
        }
        if (!target.equals("nlsql")) {
            throw new IllegalArgumentException("unknown target " + target + " (raw, nlsql)");
        }
        Properties p = new Properties();
        for (String pair : nlsqlProps.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                p.setProperty(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return DriverManager.getConnection(nlsqlUrl(), p);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
