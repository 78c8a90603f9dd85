package dev.nlsql.examples;

import dev.nlsql.driver.jdbc.RecordedStatement;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The demo a newcomer runs first: opens {@code jdbc:nlsql:sqlite:} on copies of the Chinook
 * and Northwind databases (from {@code -Dnlsql.shared}, default {@code ../shared}), runs a few
 * SQL queries through the driver, shows that a write to the source is refused, and asks a few
 * {@code ASK} questions. Where ASK or the policy is not available it says so; it never fakes an
 * answer.
 *
 * <p>Run: {@code ./mvnw -B -q -Pdemo -pl examples -am compile} (or {@code exec:java} after an
 * install). Exit code 0 when the SQL part worked, 1 when a database could not be opened.
 */
public final class Demo {

    /** One demo database: its file, its SQL queries, its questions and a write to refuse. */
    record Sample(String name, String relativePath, List<String> queries, List<String> questions, String write) {
    }

    static final List<Sample> SAMPLES = List.of(
            new Sample("Chinook", "chinook/Chinook_Sqlite.sqlite",
                    List.of("SELECT ar.Name AS artist, COUNT(*) AS albums FROM Album al"
                                    + " JOIN Artist ar ON ar.ArtistId = al.ArtistId"
                                    + " GROUP BY ar.Name ORDER BY albums DESC, artist LIMIT 5",
                            "SELECT BillingCountry AS country, ROUND(SUM(Total), 2) AS revenue FROM Invoice"
                                    + " GROUP BY BillingCountry ORDER BY revenue DESC LIMIT 5"),
                    List.of("ASK how many albums does each artist have?",
                            "ASK which 5 countries have the most invoices?",
                            "EXPLAIN ASK what is the total revenue per genre?"),
                    "DELETE FROM InvoiceLine"),
            new Sample("Northwind", "northwind/northwind.db",
                    List.of("SELECT c.Country AS country, COUNT(*) AS orders FROM Orders o"
                                    + " JOIN Customers c ON c.CustomerID = o.CustomerID"
                                    + " GROUP BY c.Country ORDER BY orders DESC, country LIMIT 5",
                            "SELECT p.ProductName AS product,"
                                    + " ROUND(SUM(d.UnitPrice * d.Quantity * (1 - d.Discount)), 2) AS sales"
                                    + " FROM \"Order Details\" d JOIN Products p ON p.ProductID = d.ProductID"
                                    + " GROUP BY p.ProductName ORDER BY sales DESC LIMIT 5"),
                    List.of("ASK which customers in Germany ordered more than 10 times?",
                            "ASK what are the 3 best selling products?",
                            "EXPLAIN ASK how many orders were shipped to France?"),
                    "UPDATE Products SET UnitPrice = 0"));

    private final PrintStream out;
    private final TablePrinter table;

    Demo(PrintStream out) {
        this.out = out;
        this.table = new TablePrinter(out, 10);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        int status = new Demo(System.out).run(sharedDatabases());
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@code <nlsql.shared>/data/databases}, or {@code <nlsql.shared>/databases}. */
    static Path sharedDatabases() {
        Path shared = Path.of(System.getProperty("nlsql.shared", "../shared"));
        Path withData = shared.resolve("data").resolve("databases");
        return Files.isDirectory(withData) ? withData : shared.resolve("databases");
    }

    /**
     * Runs the demo on copies of the sample databases under {@code databases}.
     *
     * @return 0 when every database opened and its SQL queries ran, 1 otherwise
     */
    int run(Path databases) throws IOException {
        Path work = Files.createTempDirectory("nlsql-demo-");
        int status = 0;
        for (Sample s : SAMPLES) {
            Path source = databases.resolve(s.relativePath());
            Path copy = work.resolve(source.getFileName());
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            String url = "jdbc:nlsql:sqlite:" + copy;
            out.println();
            out.println("=== " + s.name() + ": " + url);
            out.println("    (a copy of " + source.normalize() + ")");
            try (Connection conn = DriverManager.getConnection(url)) {
                describe(conn);
                for (String sql : s.queries()) {
                    runSql(conn, sql);
                }
                tryWrite(conn, s.write());
                for (String question : s.questions()) {
                    ask(conn, question);
                }
            } catch (SQLException e) {
                out.println("  could not use " + url + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
                status = 1;
            }
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return status;
    }

    private void describe(Connection conn) throws SQLException {
        DatabaseMetaData md = conn.getMetaData();
        out.println("  " + md.getDatabaseProductName() + " " + md.getDatabaseProductVersion() + " via "
                + md.getDriverName() + " " + md.getDriverVersion());
    }

    private void runSql(Connection conn, String sql) throws SQLException {
        out.println();
        out.println("  SQL> " + sql);
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            table.print(rs);
        }
    }

    /** Sends a write aimed at the source; the read-only policy must refuse it. */
    private void tryWrite(Connection conn, String sql) {
        out.println();
        out.println("  SQL> " + sql);
        try (Statement st = conn.createStatement()) {
            int n = st.executeUpdate(sql);
            out.println("  NOT refused: " + n + " rows changed in the copy. The read-only policy is not active"
                    + " in this build; the shared database was not touched (the demo works on a copy).");
        } catch (SQLException e) {
            out.println("  refused, SQLState " + e.getSQLState() + ": " + e.getMessage());
        }
    }

    /**
     * Runs an ASK / EXPLAIN ASK question; prints the rows or why it could not be answered. For an
     * ASK, the SQL it runs (from EXPLAIN ASK) is printed first, in full.
     */
    private void ask(Connection conn, String question) {
        out.println();
        out.println("  nlsql> " + question);
        try {
            if (question.regionMatches(true, 0, "ASK ", 0, 4)) {
                explain(conn, "EXPLAIN " + question);
            }
            try (PreparedStatement ps = conn.prepareStatement(question); ResultSet rs = ps.executeQuery()) {
                table.print(rs);
                // the record citing this answer (check it later: nlsql provenance verify <id>)
                out.println("  provenance id: " + ps.unwrap(RecordedStatement.class).lastProvenanceId());
            }
        } catch (SQLException e) {
            out.println("  ASK is not available here: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")."
                    + " No answer is shown rather than a guessed one.");
        }
    }

    /** Prints the {@code sql}, {@code parameters} and {@code source} columns of an EXPLAIN ASK, in full. */
    private void explain(Connection conn, String explain) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(explain)) {
            java.sql.ResultSetMetaData md = rs.getMetaData();
            if (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String label = md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                    if (label.equals("sql") || label.equals("parameters") || label.equals("source")) {
                        out.println("  " + label + ": " + rs.getString(i));
                    }
                }
            }
        }
    }
}
