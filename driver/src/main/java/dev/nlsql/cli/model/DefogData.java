package dev.nlsql.cli.model;

import dev.nlsql.model.SchemaContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds SQLite copies of defog sql-eval's databases ({@code defog-data/<db>/<db>.sql}, written
 * for PostgreSQL: {@code public.}/{@code consumer_div.} prefixes, {@code INTERVAL},
 * {@code DATE_TRUNC}, {@code NOW()} in the data). Each script is run by a real PostgreSQL server
 * in a scratch schema {@code nlsql_defog_<db>} (so PostgreSQL evaluates the date expressions),
 * then every table is copied into {@code <dir>/<db>/<db>.sqlite}: integers as INTEGER, other
 * numbers as REAL, booleans as 0/1, dates as {@code yyyy-MM-dd} and timestamps as
 * {@code yyyy-MM-dd HH:mm:ss} text, everything else as TEXT (the forms sql-eval's SQLite
 * queries expect). The scratch schema is dropped afterwards.
 */
public final class DefogData {

    private static final Pattern SCHEMA_PREFIX = Pattern.compile("(?i)\\b(public|consumer_div)\\.");
    private static final Pattern CREATE_SCHEMA = Pattern.compile("(?im)^\\s*CREATE SCHEMA[^;]*;");

    private DefogData() {}

    /**
     * Builds one database.
     *
     * @param pgJdbcUrl a PostgreSQL JDBC URL whose user may create schemas
     * @param script the defog {@code .sql} file
     * @param db database name
     * @param dir output folder; the file is {@code <dir>/<db>/<db>.sqlite} (replaced if present)
     * @return the schema, with Spider-style column types ({@code number}, {@code text},
     *     {@code time}, {@code boolean}), primary keys and foreign keys as PostgreSQL reports them
     * @throws SQLException when PostgreSQL rejects the script or SQLite cannot be written
     * @throws IOException when the script cannot be read
     */
    public static SchemaContext build(String pgJdbcUrl, Path script, String db, Path dir) throws SQLException, IOException {
        String schema = "nlsql_defog_" + db.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String sql = SCHEMA_PREFIX.matcher(CREATE_SCHEMA.matcher(Files.readString(script)).replaceAll("")).replaceAll("");
        Path file = dir.resolve(db).resolve(db + ".sqlite");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try (Connection pg = DriverManager.getConnection(pgJdbcUrl)) {
            try (Statement st = pg.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
                st.execute("SET search_path TO " + schema);
                st.execute(sql);
            }
            try (Connection lite = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
                return copy(pg, schema, lite);
            } finally {
                try (Statement st = pg.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static SchemaContext copy(Connection pg, String schema, Connection lite) throws SQLException {
        DatabaseMetaData md = pg.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        List<SchemaContext.Table> out = new ArrayList<>();
        List<SchemaContext.ForeignKey> fks = new ArrayList<>();
        lite.setAutoCommit(false);
        for (String table : tables) {
            Set<String> pks = new HashSet<>();
            try (ResultSet rs = md.getPrimaryKeys(null, schema, table)) {
                while (rs.next()) {
                    pks.add(rs.getString("COLUMN_NAME"));
                }
            }
            try (ResultSet rs = md.getImportedKeys(null, schema, table)) {
                while (rs.next()) {
                    fks.add(new SchemaContext.ForeignKey(table, rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"),
                            rs.getString("PKCOLUMN_NAME")));
                }
            }
            List<String> names = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            List<SchemaContext.Column> cols = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, schema, table, "%")) {
                while (rs.next()) {
                    String name = rs.getString("COLUMN_NAME");
                    int type = rs.getInt("DATA_TYPE");
                    names.add(name);
                    types.add(type);
                    cols.add(new SchemaContext.Column(name, spiderType(type), pks.contains(name)));
                }
            }
            out.add(new SchemaContext.Table(table, cols));
            StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(q(table)).append(" (");
            for (int i = 0; i < names.size(); i++) {
                ddl.append(i > 0 ? ", " : "").append(q(names.get(i))).append(' ').append(sqliteType(types.get(i)));
            }
            try (Statement st = lite.createStatement()) {
                st.execute(ddl.append(')').toString());
            }
            String insert = "INSERT INTO " + q(table) + " VALUES (" + "?,".repeat(names.size()).replaceAll(",$", "") + ")";
            try (Statement st = pg.createStatement();
                    ResultSet rs = st.executeQuery("SELECT * FROM " + schema + "." + q(table));
                    PreparedStatement ins = lite.prepareStatement(insert)) {
                while (rs.next()) {
                    for (int i = 0; i < names.size(); i++) {
                        ins.setObject(i + 1, sqliteValue(rs, i + 1, types.get(i)));
                    }
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        }
        lite.commit();
        return new SchemaContext(out, fks);
    }

    private static Object sqliteValue(ResultSet rs, int i, int type) throws SQLException {
        switch (type) {
            case Types.BIT, Types.BOOLEAN -> {
                boolean b = rs.getBoolean(i);
                return rs.wasNull() ? null : (b ? 1 : 0);
            }
            case Types.DATE -> {
                java.sql.Date d = rs.getDate(i);
                return d == null ? null : d.toLocalDate().toString();
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                Timestamp t = rs.getTimestamp(i);
                return t == null ? null : t.toLocalDateTime().toString().replace('T', ' ');
            }
            case Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                double d = rs.getDouble(i);
                return rs.wasNull() ? null : d;
            }
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long l = rs.getLong(i);
                return rs.wasNull() ? null : l;
            }
            default -> {
                return rs.getString(i);
            }
        }
    }

    private static String sqliteType(int type) {
        return switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.BIT, Types.BOOLEAN -> "INTEGER";
            case Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE -> "REAL";
            default -> "TEXT";
        };
    }

    /** Spider's column type vocabulary, the one the model was trained with. */
    private static String spiderType(int type) {
        return switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.NUMERIC, Types.DECIMAL, Types.REAL,
                    Types.FLOAT, Types.DOUBLE -> "number";
            case Types.BIT, Types.BOOLEAN -> "boolean";
            case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIME -> "time";
            default -> "text";
        };
    }

    private static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
