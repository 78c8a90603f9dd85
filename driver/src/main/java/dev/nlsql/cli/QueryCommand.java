package dev.nlsql.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nlsql.driver.NlsqlDriver;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nlsql query --url jdbc:nlsql:... "SQL or ASK ..."}: runs one statement through the
 * driver and prints the rows as a text table (default) or JSON lines ({@code --json}), or the
 * update count. Exit code 0 on success, 1 on an SQL error (message and SQLState on stderr).
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run one statement (SQL or ASK ...) through nlsql and print the result.")
public final class QueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-u", "--url"}, required = true, description = "jdbc:nlsql:<target URL without jdbc:>")
    String url;

    @Option(names = "--user", description = "user name for the target")
    String user;

    @Option(names = "--password", description = "password for the target", arity = "0..1", interactive = true)
    String password;

    @Option(names = {"-p", "--property"}, description = "connection property key=value (nlsql.* options too); repeatable")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--json", description = "print JSON lines, one object per row")
    boolean json;

    @Option(names = "--max-rows", description = "print at most this many rows (0 = all; default ${DEFAULT-VALUE})", defaultValue = "1000")
    int maxRows;

    @Parameters(index = "0", paramLabel = "STATEMENT", description = "SQL, or a question: ASK ...")
    String statement;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Properties p = new Properties();
        p.putAll(properties);
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        try (Connection c = new NlsqlDriver().connect(url, p)) {
            if (c == null) {
                err.println("not an nlsql URL (expected jdbc:nlsql:<target URL without jdbc:>): " + url);
                return 2;
            }
            try (Statement s = c.createStatement()) {
                if (s.execute(statement)) {
                    try (ResultSet rs = s.getResultSet()) {
                        print(rs, out);
                    }
                } else {
                    out.println(s.getUpdateCount() + " row(s) affected");
                }
            }
            out.flush();
            return 0;
        } catch (SQLException e) {
            err.println("error [SQLState " + e.getSQLState() + "]: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private void print(ResultSet rs, PrintWriter out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(md.getColumnLabel(i));
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
            int rows = 0;
            while ((maxRows == 0 || rows < maxRows) && rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.put(names.get(i - 1), v == null || v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
                }
                try {
                    out.println(mapper.writeValueAsString(row));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new SQLException("cannot print a row as JSON: " + e.getMessage(), "HY000", e);
                }
                rows++;
            }
            return;
        }
        List<String[]> rows = new ArrayList<>();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = names.get(i).length();
        }
        while ((maxRows == 0 || rows.size() < maxRows) && rs.next()) {
            String[] r = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = rs.getObject(i + 1);
                r[i] = v == null ? "NULL" : String.valueOf(v);
                width[i] = Math.max(width[i], Math.min(r[i].length(), 60));
            }
            rows.add(r);
        }
        out.println(line(names.toArray(String[]::new), width));
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sep.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(sep);
        for (String[] r : rows) {
            out.println(line(r, width));
        }
        out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].length() > 60 ? cells[i].substring(0, 57) + "..." : cells[i];
            sb.append(i == 0 ? "" : " | ").append(c).append(" ".repeat(Math.max(0, width[i] - c.length())));
        }
        return sb.toString().stripTrailing();
    }
}
