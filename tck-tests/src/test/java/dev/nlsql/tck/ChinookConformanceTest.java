package dev.nlsql.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The conformance comparison on real data: Chinook in SQLite (a copy of the shared file) and in
 * PostgreSQL (the shared script loaded into a schema of its own). Realistic queries (joins,
 * window functions, dates, LIKE, NOT EXISTS, a prepared statement) and the metadata of every
 * table, raw driver against {@code jdbc:nlsql:} in the same run.
 */
class ChinookConformanceTest extends ConformanceTest {

    /** A query in both spellings (SQLite's Chinook uses PascalCase, PostgreSQL's snake_case). */
    private record Query(String name, String sqlite, String postgres) {
    }

    private static final List<Query> QUERIES = List.of(
            new Query("count_tracks", "SELECT COUNT(*) AS tracks FROM Track", "SELECT COUNT(*) AS tracks FROM track"),
            new Query("top_artists",
                    "SELECT ar.Name, COUNT(*) AS albums FROM Album al JOIN Artist ar ON ar.ArtistId = al.ArtistId"
                            + " GROUP BY ar.Name ORDER BY albums DESC, ar.Name LIMIT 10",
                    "SELECT ar.name, COUNT(*) AS albums FROM album al JOIN artist ar ON ar.artist_id = al.artist_id"
                            + " GROUP BY ar.name ORDER BY albums DESC, ar.name LIMIT 10"),
            new Query("revenue_by_year",
                    "SELECT strftime('%Y', InvoiceDate) AS year, SUM(Total) AS revenue FROM Invoice GROUP BY year ORDER BY year",
                    "SELECT EXTRACT(YEAR FROM invoice_date) AS year, SUM(total) AS revenue FROM invoice"
                            + " GROUP BY 1 ORDER BY 1"),
            new Query("longest_tracks_per_genre_window",
                    "SELECT * FROM (SELECT g.Name AS genre, t.Name AS track, t.Milliseconds,"
                            + " RANK() OVER (PARTITION BY g.GenreId ORDER BY t.Milliseconds DESC, t.TrackId) AS r"
                            + " FROM Track t JOIN Genre g ON g.GenreId = t.GenreId) x WHERE r <= 2 ORDER BY genre, r",
                    "SELECT * FROM (SELECT g.name AS genre, t.name AS track, t.milliseconds,"
                            + " RANK() OVER (PARTITION BY g.genre_id ORDER BY t.milliseconds DESC, t.track_id) AS r"
                            + " FROM track t JOIN genre g ON g.genre_id = t.genre_id) x WHERE r <= 2 ORDER BY genre, r"),
            new Query("like_search",
                    "SELECT TrackId, Name FROM Track WHERE lower(Name) LIKE '%love%' ORDER BY TrackId",
                    "SELECT track_id, name FROM track WHERE lower(name) LIKE '%love%' ORDER BY track_id"),
            new Query("employee_managers_self_join",
                    "SELECT e.FirstName, e.LastName, m.LastName AS manager, e.BirthDate, e.HireDate FROM Employee e"
                            + " LEFT JOIN Employee m ON m.EmployeeId = e.ReportsTo ORDER BY e.EmployeeId",
                    "SELECT e.first_name, e.last_name, m.last_name AS manager, e.birth_date, e.hire_date FROM employee e"
                            + " LEFT JOIN employee m ON m.employee_id = e.reports_to ORDER BY e.employee_id"),
            new Query("not_exists",
                    "SELECT c.CustomerId, c.Country FROM Customer c WHERE NOT EXISTS (SELECT 1 FROM Invoice i"
                            + " WHERE i.CustomerId = c.CustomerId AND i.Total > 20) ORDER BY c.CustomerId",
                    "SELECT c.customer_id, c.country FROM customer c WHERE NOT EXISTS (SELECT 1 FROM invoice i"
                            + " WHERE i.customer_id = c.customer_id AND i.total > 20) ORDER BY c.customer_id"),
            new Query("invoices_all_columns", "SELECT * FROM Invoice WHERE InvoiceId <= 5 ORDER BY InvoiceId",
                    "SELECT * FROM invoice WHERE invoice_id <= 5 ORDER BY invoice_id"));

    private static final List<String> SQLITE_TABLES = List.of("Album", "Artist", "Customer", "Employee", "Genre",
            "Invoice", "InvoiceLine", "MediaType", "Playlist", "PlaylistTrack", "Track");
    private static final List<String> POSTGRES_TABLES = List.of("album", "artist", "customer", "employee", "genre",
            "invoice", "invoice_line", "media_type", "playlist", "playlist_track", "track");

    @Override
    protected List<Engine> engines() {
        return List.of(Engine.SQLITE, Engine.POSTGRESQL);
    }

    @Override
    protected TckDatabase createDatabase(Engine engine) throws SQLException {
        return TckDatabase.chinook(engine);
    }

    @Override
    protected String suiteName() {
        return "chinook-" + policyMode();
    }

    @Override
    protected List<ConformanceCase> cases(Engine engine) {
        boolean pg = engine == Engine.POSTGRESQL;
        List<ConformanceCase> cases = new ArrayList<>();
        for (Query q : QUERIES) {
            String sql = pg ? q.postgres() : q.sqlite();
            cases.add(new ConformanceCase(q.name(), s -> ConformanceCases.query(s, sql), ConformanceChecks.nonEmpty()));
        }
        String prepared = pg
                ? "SELECT track_id, name, unit_price FROM track WHERE genre_id = ? AND unit_price >= ? ORDER BY track_id"
                : "SELECT TrackId, Name, UnitPrice FROM Track WHERE GenreId = ? AND UnitPrice >= ? ORDER BY TrackId";
        cases.add(new ConformanceCase("prepared_tracks_by_genre", s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(prepared)) {
                ps.setInt(1, 1);
                ps.setBigDecimal(2, new java.math.BigDecimal("0.99"));
                try (ResultSet rs = ps.executeQuery()) {
                    return Dump.resultSet(rs);
                }
            }
        }, ConformanceChecks.nonEmpty()));
        List<String> tables = pg ? POSTGRES_TABLES : SQLITE_TABLES;
        cases.add(new ConformanceCase("dmd_tables", s -> meta(s, m -> m.getTables(null, s.db.schema, "%", new String[] {"TABLE"})),
                (a, db) -> assertTrue(a.endsWith("rows=11\n"), a)));
        for (String t : tables) {
            cases.add(new ConformanceCase("dmd_columns_" + t, s -> meta(s, m -> m.getColumns(null, s.db.schema, t, "%")),
                    ConformanceChecks.nonEmpty()));
            cases.add(new ConformanceCase("dmd_keys_" + t, s -> meta(s, m -> m.getPrimaryKeys(null, s.db.schema, t))
                    + meta(s, m -> m.getImportedKeys(null, s.db.schema, t))
                    + meta(s, m -> m.getExportedKeys(null, s.db.schema, t)), (a, db) -> { }));
            cases.add(new ConformanceCase("dmd_indexes_" + t,
                    s -> meta(s, m -> m.getIndexInfo(null, s.db.schema, t, false, true)), (a, db) -> { }));
        }
        return cases;
    }

    @FunctionalInterface
    private interface MetaCall {
        ResultSet apply(DatabaseMetaData m) throws SQLException;
    }

    private static String meta(Side s, MetaCall call) throws SQLException {
        try (ResultSet rs = call.apply(s.connection().getMetaData())) {
            return Dump.resultSet(rs);
        } catch (SQLException e) {
            return Dump.error(e);
        }
    }

    /** Shared raw-side checks. */
    static final class ConformanceChecks {
        private ConformanceChecks() {
        }

        static ConformanceCase.RawCheck nonEmpty() {
            return (a, db) -> {
                assertFalse(a.startsWith("!"), () -> "raw driver failed: " + a);
                assertFalse(a.endsWith("rows=0\n"), () -> "no rows:\n" + a);
            };
        }
    }
}
