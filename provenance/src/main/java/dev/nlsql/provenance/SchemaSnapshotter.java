package dev.nlsql.provenance;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads a canonical {@link SchemaSnapshot} from any JDBC connection through
 * {@link DatabaseMetaData}: tables and views ({@code getTables}), columns with type name,
 * {@link java.sql.Types} code and nullability ({@code getColumns}), primary keys, imported
 * foreign keys and indexes ({@code getIndexInfo}, approximate, statistics rows skipped).
 *
 * <p>Canonical order: tables by schema (null first) then name; columns by ordinal position;
 * primary-key columns by key sequence; foreign keys by name then columns; indexes by name then
 * columns. Volatile metadata (remarks, cardinality, pages, catalog names, which embed file names
 * in DuckDB) is left out, so the same database state gives byte-identical canonical JSON and the
 * same hash. System tables ({@code sqlite_*}, system schemas) are never included.
 *
 * <p>Cost on Chinook (11 tables): one {@code getTables}, one {@code getColumns}, then three
 * metadata calls per table. {@link #fingerprint} is the cheap check used to decide whether to
 * snapshot again (see {@link CachedSchemaSnapshot}).
 */
public final class SchemaSnapshotter {

    private SchemaSnapshotter() {}

    /**
     * Snapshot of the objects in {@code scope}.
     *
     * @param connection an open connection; only metadata is read, nothing is written
     * @param scope what to include (source or scratch)
     * @throws SQLException from the driver's metadata calls
     */
    public static SchemaSnapshot snapshot(Connection connection, SchemaScope scope) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        String catalog = catalog(connection, scope);
        Map<Key, String> tables = tables(md, catalog, scope);
        Map<Key, List<ColumnRow>> columns = columns(md, catalog, scope, tables);
        List<SchemaSnapshot.Table> out = new ArrayList<>();
        for (Map.Entry<Key, String> e : tables.entrySet()) {
            Key k = e.getKey();
            List<SchemaSnapshot.Column> cols = columns.getOrDefault(k, List.of()).stream()
                    .sorted(Comparator.comparingInt(ColumnRow::ordinal))
                    .map(ColumnRow::column).toList();
            boolean table = "TABLE".equals(e.getValue());
            out.add(new SchemaSnapshot.Table(k.schema, k.name, e.getValue(), cols,
                    table ? primaryKey(md, catalog, k) : List.of(),
                    table ? foreignKeys(md, catalog, k) : List.of(),
                    table ? indexes(md, catalog, k) : List.of()));
        }
        return SchemaSnapshot.of(out);
    }

    /**
     * A cheap fingerprint of the schema in {@code scope}: lower-case hex SHA-256. On SQLite it is
     * {@code PRAGMA schema_version} (one integer the engine bumps on every schema change); on
     * other engines it hashes the table list and every column (name, type, nullability) from one
     * {@code getTables} and one {@code getColumns} call. A change of key or index alone is only
     * seen on SQLite; call {@link #snapshot} (or {@link CachedSchemaSnapshot#invalidate()}) after
     * DDL you know about.
     *
     * @throws SQLException from the driver's metadata calls
     */
    public static String fingerprint(Connection connection, SchemaScope scope) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        String product = md.getDatabaseProductName();
        StringBuilder sb = new StringBuilder();
        if (product != null && product.toLowerCase(Locale.ROOT).contains("sqlite")
                && scope.schemaPattern() == null) {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA schema_version")) {
                rs.next();
                return Hashes.sha256Hex("sqlite-schema-version:" + rs.getLong(1) + ":" + scope);
            }
        }
        String catalog = catalog(connection, scope);
        Map<Key, String> tables = tables(md, catalog, scope);
        tables.forEach((k, v) -> sb.append(k.schema).append('.').append(k.name).append(':').append(v).append('\n'));
        columns(md, catalog, scope, tables).forEach((k, cols) -> cols.forEach(c -> sb.append(k.schema).append('.')
                .append(k.name).append('.').append(c.ordinal).append(c.column).append('\n')));
        return Hashes.sha256Hex(sb.toString());
    }

    private static String catalog(Connection c, SchemaScope scope) throws SQLException {
        if (scope.catalog() != null) {
            return scope.catalog();
        }
        try {
            return c.getCatalog();
        } catch (SQLFeatureNotSupportedException e) {
            return null;
        }
    }

    private static Map<Key, String> tables(DatabaseMetaData md, String catalog, SchemaScope scope)
            throws SQLException {
        Map<Key, String> out = new TreeMap<>();
        try (ResultSet rs = md.getTables(catalog, scope.schemaPattern(), "%", null)) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String name = rs.getString("TABLE_NAME");
                String type = normaliseType(rs.getString("TABLE_TYPE"));
                if (type == null || name == null || !scope.includes(schema)
                        || name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
                    continue;
                }
                out.put(new Key(schema, name), type);
            }
        }
        return out;
    }

    /** TABLE, VIEW, or null for what is not a user table or view. */
    static String normaliseType(String type) {
        if (type == null) {
            return null;
        }
        String t = type.toUpperCase(Locale.ROOT);
        if (t.contains("SYSTEM") || t.contains("TEMP") || t.contains("INDEX") || t.contains("SEQUENCE")) {
            return null;
        }
        if (t.contains("VIEW")) {
            return "VIEW";
        }
        if (t.equals("TABLE") || t.equals("BASE TABLE") || t.equals("PARTITIONED TABLE")
                || t.equals("FOREIGN TABLE")) {
            return "TABLE";
        }
        return null;
    }

    private static Map<Key, List<ColumnRow>> columns(DatabaseMetaData md, String catalog, SchemaScope scope,
            Map<Key, String> tables) throws SQLException {
        Map<Key, List<ColumnRow>> out = new LinkedHashMap<>();
        try (ResultSet rs = md.getColumns(catalog, scope.schemaPattern(), "%", "%")) {
            while (rs.next()) {
                Key k = new Key(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"));
                if (!tables.containsKey(k)) {
                    continue;
                }
                int nullable = rs.getInt("NULLABLE");
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(new ColumnRow(rs.getInt("ORDINAL_POSITION"),
                        new SchemaSnapshot.Column(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
                                rs.getInt("DATA_TYPE"), nullable != DatabaseMetaData.columnNoNulls)));
            }
        }
        return out;
    }

    private static List<String> primaryKey(DatabaseMetaData md, String catalog, Key k) throws SQLException {
        TreeMap<Integer, String> cols = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, k.schema, k.name)) {
            while (rs.next()) {
                cols.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        } catch (SQLFeatureNotSupportedException e) {
            return List.of();
        }
        return List.copyOf(cols.values());
    }

    private static List<SchemaSnapshot.ForeignKey> foreignKeys(DatabaseMetaData md, String catalog, Key k)
            throws SQLException {
        List<FkBuilder> fks = new ArrayList<>();
        try (ResultSet rs = md.getImportedKeys(catalog, k.schema, k.name)) {
            FkBuilder cur = null;
            Map<String, FkBuilder> named = new LinkedHashMap<>();
            while (rs.next()) {
                String name = emptyToNull(rs.getString("FK_NAME"));
                int seq = rs.getInt("KEY_SEQ");
                String refSchema = rs.getString("PKTABLE_SCHEM");
                String refTable = rs.getString("PKTABLE_NAME");
                if (name != null) {
                    // named keys: rows of two keys to the same table may interleave (ordered by KEY_SEQ)
                    cur = named.get(name + "\0" + refTable);
                    if (cur == null) {
                        cur = new FkBuilder(name, refSchema, refTable);
                        named.put(name + "\0" + refTable, cur);
                        fks.add(cur);
                    }
                } else if (cur == null || cur.name != null || seq <= cur.lastSeq
                        || !Objects.equals(refTable, cur.refTable)) {
                    cur = new FkBuilder(null, refSchema, refTable);
                    fks.add(cur);
                }
                cur.lastSeq = seq;
                cur.cols.put(seq, new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
            }
        } catch (SQLFeatureNotSupportedException e) {
            return List.of();
        }
        return fks.stream().map(FkBuilder::build)
                .sorted(Comparator.comparing(SchemaSnapshot.ForeignKey::name, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(f -> String.join(",", f.columns()))
                        .thenComparing(f -> f.refTable() == null ? "" : f.refTable()))
                .toList();
    }

    private static List<SchemaSnapshot.Index> indexes(DatabaseMetaData md, String catalog, Key k) throws SQLException {
        Map<String, TreeMap<Integer, String>> cols = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, k.schema, k.name, false, true)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                String col = rs.getString("COLUMN_NAME");
                cols.computeIfAbsent(name, x -> new TreeMap<>()).put(rs.getInt("ORDINAL_POSITION"),
                        col == null ? "" : col);
                unique.put(name, !rs.getBoolean("NON_UNIQUE"));
            }
        } catch (SQLFeatureNotSupportedException e) {
            return List.of();
        }
        List<SchemaSnapshot.Index> out = new ArrayList<>();
        cols.forEach((name, c) -> out.add(new SchemaSnapshot.Index(name, unique.get(name), List.copyOf(c.values()))));
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private record ColumnRow(int ordinal, SchemaSnapshot.Column column) {}

    private record Key(String schema, String name) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator
                .comparing(Key::schema, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .thenComparing(Key::name);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    private static final class FkBuilder {
        final String name;
        final String refSchema;
        final String refTable;
        final TreeMap<Integer, String[]> cols = new TreeMap<>();
        int lastSeq;

        FkBuilder(String name, String refSchema, String refTable) {
            this.name = name;
            this.refSchema = refSchema;
            this.refTable = refTable;
        }

        SchemaSnapshot.ForeignKey build() {
            return new SchemaSnapshot.ForeignKey(name, cols.values().stream().map(c -> c[0]).toList(),
                    refSchema, refTable, cols.values().stream().map(c -> c[1]).toList());
        }
    }
}
