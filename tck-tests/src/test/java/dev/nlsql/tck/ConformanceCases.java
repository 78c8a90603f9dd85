package dev.nlsql.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The catalogue of conformance cases: results and types, prepared statements, updates and
 * transactions (always rolled back), errors and their SQLStates, and DatabaseMetaData. Every
 * probe is portable SQL that runs on SQLite, DuckDB, H2 and PostgreSQL alike.
 */
final class ConformanceCases {

    private ConformanceCases() {
    }

    private static final ConformanceCase.RawCheck ANY = (answer, db) -> { };

    static List<ConformanceCase> all() {
        List<ConformanceCase> c = new ArrayList<>();

        // ---- results and types ----
        c.add(new ConformanceCase("select_artists",
                s -> query(s, "SELECT * FROM artist ORDER BY artist_id"), rows(5)));
        c.add(new ConformanceCase("select_albums_all_types",
                s -> query(s, "SELECT * FROM album ORDER BY album_id"), rows(7)));
        c.add(new ConformanceCase("typed_getters", ConformanceCases::typedGetters,
                (a, db) -> assertTrue(a.contains("getLong=5000000000"), a)));
        c.add(new ConformanceCase("getters_by_label", ConformanceCases::gettersByLabel,
                (a, db) -> assertTrue(a.contains("name=Sigur Rós"), a)));
        c.add(new ConformanceCase("getObject_with_class", ConformanceCases::getObjectWithClass, ANY));
        c.add(new ConformanceCase("join_group_having", s -> query(s,
                "SELECT ar.name, COUNT(*) AS albums, SUM(al.price) AS total FROM artist ar"
                        + " JOIN album al ON al.artist_id = ar.artist_id GROUP BY ar.name"
                        + " HAVING COUNT(*) >= 1 ORDER BY ar.name"), rows(5)));
        c.add(new ConformanceCase("aggregates", s -> query(s,
                "SELECT COUNT(*) AS n, COUNT(price) AS priced, MIN(price) AS lo, MAX(price) AS hi,"
                        + " SUM(plays) AS plays FROM album"), rows(1)));
        c.add(new ConformanceCase("left_join_nulls", s -> query(s,
                "SELECT ar.artist_id, ar.country, al.title FROM artist ar LEFT JOIN album al"
                        + " ON al.artist_id = ar.artist_id AND al.price > 10 ORDER BY ar.artist_id, al.title"),
                rows(5)));
        c.add(new ConformanceCase("cte_and_subquery", s -> query(s,
                "WITH pricey AS (SELECT artist_id, price FROM album WHERE price > 9)"
                        + " SELECT name FROM artist WHERE artist_id IN (SELECT artist_id FROM pricey)"
                        + " ORDER BY name"), rows(4)));
        c.add(new ConformanceCase("union_order", s -> query(s,
                "SELECT name AS label FROM artist WHERE country = 'Iceland' UNION"
                        + " SELECT title FROM album WHERE album_id < 3 ORDER BY 1"), rows(4)));
        c.add(new ConformanceCase("view", s -> query(s,
                "SELECT * FROM album_view ORDER BY album_id"), rows(7)));
        c.add(new ConformanceCase("empty_result", s -> query(s,
                "SELECT artist_id, name FROM artist WHERE 1 = 0"), rows(0)));
        c.add(new ConformanceCase("literal_types", s -> query(s,
                "SELECT 1 AS i, 'x' AS s, CAST(2 AS BIGINT) AS b, CAST(1.5 AS DECIMAL(4,2)) AS d,"
                        + " NULL AS n, CAST(NULL AS INTEGER) AS ni"), rows(1)));
        c.add(new ConformanceCase("recursive_1000_rows", s -> query(s,
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
                        + " SELECT COUNT(*) AS c, SUM(i) AS s FROM n"),
                (a, db) -> assertTrue(a.contains(":500500"), a)));
        c.add(new ConformanceCase("streamed_rows", ConformanceCases::streamedRows,
                (a, db) -> assertTrue(a.contains("rows=1000 sum=500500"), a)));
        c.add(new ConformanceCase("cursor_position", ConformanceCases::cursorPosition, ANY));
        c.add(new ConformanceCase("result_set_attributes", ConformanceCases::resultSetAttributes, ANY));
        // duckdb_jdbc 2.0 ignores Statement.setMaxRows: all 5 rows come back there (nlsql applies it).
        c.add(new ConformanceCase("max_rows", ConformanceCases::maxRows,
                (a, db) -> assertTrue(a.contains(db.engine == Engine.DUCKDB ? "rows=5" : "rows=2"), a)));
        c.add(new ConformanceCase("fetch_size_and_timeout", ConformanceCases::fetchSizeAndTimeout, ANY));
        c.add(new ConformanceCase("execute_protocol", ConformanceCases::executeProtocol,
                (a, db) -> assertTrue(a.startsWith("execute=true"), a)));

        // ---- prepared statements ----
        c.add(new ConformanceCase("prepared_params", ConformanceCases::preparedParams,
                (a, db) -> assertTrue(a.contains("Appetite for Destruction"), a)));
        c.add(new ConformanceCase("prepared_string_unicode_quote", ConformanceCases::preparedStrings,
                (a, db) -> assertTrue(a.contains("rows=1"), a)));
        c.add(new ConformanceCase("prepared_set_null", s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT COUNT(*) AS n FROM artist WHERE country = ?")) {
                ps.setNull(1, Types.VARCHAR);
                return rs(ps);
            }
        }, rows(1)));
        c.add(new ConformanceCase("prepared_metadata_before_execute", s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT album_id, title, price FROM album WHERE artist_id = ?")) {
                return Dump.call(() -> Dump.metaData(ps.getMetaData()));
            }
        }, ANY));
        c.add(new ConformanceCase("parameter_metadata", ConformanceCases::parameterMetaData, ANY));

        // ---- updates, batches, keys, transactions (rolled back) ----
        c.add(new ConformanceCase("update_counts_in_transaction", ConformanceCases::updateCounts,
                (a, db) -> assertTrue(a.contains("insert=2 update=2 delete=1 inside=1 after=0"), a)));
        c.add(new ConformanceCase("statement_batch", ConformanceCases::statementBatch,
                (a, db) -> assertTrue(a.contains("after=0"), a)));
        c.add(new ConformanceCase("prepared_batch", ConformanceCases::preparedBatch,
                (a, db) -> assertTrue(a.contains("after=0"), a)));
        c.add(new ConformanceCase("generated_keys", ConformanceCases::generatedKeys, ANY));
        c.add(new ConformanceCase("transaction_state", ConformanceCases::transactionState,
                (a, db) -> assertTrue(a.startsWith("autoCommit=true"), a)));
        c.add(new ConformanceCase("commit_visible_rollback_not", ConformanceCases::commitRollback,
                (a, db) -> assertTrue(a.contains("afterRollback=0 afterCommit=1 cleaned=0"), a)));

        // ---- errors ----
        c.add(new ConformanceCase("error_syntax", s -> query(s, "SELEC name FRM artist"), error()));
        c.add(new ConformanceCase("error_unknown_table", s -> query(s, "SELECT * FROM no_such_table"), error()));
        c.add(new ConformanceCase("error_unknown_column", s -> query(s, "SELECT no_such_column FROM artist"), error()));
        c.add(new ConformanceCase("error_duplicate_key", s -> inRolledBackTransaction(s,
                st -> st.executeUpdate("INSERT INTO artist (artist_id, name) VALUES (1, 'dup')")), error()));
        c.add(new ConformanceCase("error_not_null", s -> inRolledBackTransaction(s,
                st -> st.executeUpdate("INSERT INTO artist (artist_id, name) VALUES (99, NULL)")), error()));
        c.add(new ConformanceCase("error_bad_column_index", s -> onFirstRow(s, "SELECT name FROM artist",
                rs -> rs.getString(99)), error()));
        c.add(new ConformanceCase("error_bad_column_label", s -> onFirstRow(s, "SELECT name FROM artist",
                rs -> rs.getString("no_such_label")), error()));
        c.add(new ConformanceCase("error_conversion", s -> onFirstRow(s,
                "SELECT name FROM artist WHERE artist_id = 2", rs -> rs.getInt(1)), ANY));
        c.add(new ConformanceCase("error_parameter_index", s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("SELECT name FROM artist WHERE artist_id = ?")) {
                return Dump.call(() -> { ps.setInt(5, 1); return "set"; });
            }
        }, error()));
        c.add(new ConformanceCase("error_missing_parameter", s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT name FROM artist WHERE artist_id = ? AND name = ?")) {
                ps.setInt(1, 1);
                return Dump.call(() -> rs(ps));
            }
        }, ANY));
        c.add(new ConformanceCase("division_by_zero", s -> query(s, "SELECT 1 / 0 AS x"), ANY));
        c.add(new ConformanceCase("error_query_without_result", s -> inRolledBackTransaction(s,
                st -> Dump.resultSet(st.executeQuery("UPDATE artist SET country = country WHERE artist_id = 1"))), ANY));
        c.add(new ConformanceCase("closed_statement_and_result", ConformanceCases::closedStatement,
                (a, db) -> assertTrue(a.contains("stmtClosed=true"), a)));
        c.add(new ConformanceCase("closed_connection", ConformanceCases::closedConnection,
                (a, db) -> assertTrue(a.contains("isClosed=true"), a)));
        c.add(new ConformanceCase("connection_stays_usable_after_error", s -> {
            Connection conn = s.connection();
            String err = query(s, "SELECT * FROM no_such_table");
            return err + "\nafter: " + query(s, "SELECT COUNT(*) AS n FROM artist") + "valid=" + conn.isValid(5);
        }, (a, db) -> assertTrue(a.contains("valid=true"), a)));

        // ---- wrappers and back-references ----
        c.add(new ConformanceCase("back_references", ConformanceCases::backReferences,
                (a, db) -> assertTrue(a.contains("stmt.getConnection==conn:true"), a)));
        c.add(new ConformanceCase("connection_attributes", ConformanceCases::connectionAttributes, ANY));

        // ---- DatabaseMetaData ----
        c.add(new ConformanceCase("dmd_scalar_answers", ConformanceCases::metaDataScalars,
                (a, db) -> assertTrue(a.contains("getDatabaseProductName="), a)));
        c.add(new ConformanceCase("dmd_url", s -> Dump.call(() -> s.connection().getMetaData().getURL()),
                (a, db) -> assertTrue(a.contains(db.rawUrl.substring(0, 12)), a)));
        c.add(new ConformanceCase("dmd_supports_with_arguments", ConformanceCases::supportsWithArguments, ANY));
        // PostgreSQL lists an array type "_<table>" for every table of every schema: other tests' tables
        c.add(new ConformanceCase("dmd_type_info", s -> s.db.engine == Engine.POSTGRESQL
                ? mdFiltered(s, DatabaseMetaData::getTypeInfo, row -> !String.valueOf(row.get(0)).startsWith("_"))
                : md(s, DatabaseMetaData::getTypeInfo), ANY));
        c.add(new ConformanceCase("dmd_catalogs", s -> md(s, DatabaseMetaData::getCatalogs), ANY));
        c.add(new ConformanceCase("dmd_schemas", s -> mdFiltered(s, DatabaseMetaData::getSchemas,
                row -> keepSchema(s.db, row.get(0))), ANY));
        c.add(new ConformanceCase("dmd_table_types", s -> md(s, DatabaseMetaData::getTableTypes), ANY));
        c.add(new ConformanceCase("dmd_tables", s -> mdFiltered(s,
                m -> m.getTables(null, s.db.schema, "%", null), row -> keepTable(row.get(2))),
                (a, db) -> assertTrue(a.contains(":" + db.table("album_view")), a)));
        c.add(new ConformanceCase("dmd_tables_by_type", s -> md(s,
                m -> m.getTables(null, s.db.schema, s.db.table("al%"), new String[] {"VIEW"})), ANY));
        c.add(new ConformanceCase("dmd_columns", s -> md(s,
                m -> m.getColumns(null, s.db.schema, s.db.table("album"), "%")), rows(10)));
        c.add(new ConformanceCase("dmd_primary_keys", s -> md(s,
                m -> m.getPrimaryKeys(null, s.db.schema, s.db.table("album"))), rows(1)));
        c.add(new ConformanceCase("dmd_imported_keys", s -> md(s,
                m -> m.getImportedKeys(null, s.db.schema, s.db.table("album"))), rows(1)));
        c.add(new ConformanceCase("dmd_exported_keys", s -> md(s,
                m -> m.getExportedKeys(null, s.db.schema, s.db.table("artist"))), ANY));
        c.add(new ConformanceCase("dmd_cross_reference", s -> md(s,
                m -> m.getCrossReference(null, s.db.schema, s.db.table("artist"), null, s.db.schema,
                        s.db.table("album"))), ANY));
        c.add(new ConformanceCase("dmd_index_info", s -> md(s,
                m -> m.getIndexInfo(null, s.db.schema, s.db.table("album"), false, false)), ANY));
        c.add(new ConformanceCase("dmd_best_row_identifier", s -> md(s,
                m -> m.getBestRowIdentifier(null, s.db.schema, s.db.table("artist"),
                        DatabaseMetaData.bestRowSession, true)), ANY));
        c.add(new ConformanceCase("dmd_procedures_in_schema", s -> md(s,
                m -> m.getProcedures(null, s.db.schema, "nlsql_tck_none%")), ANY));
        c.add(new ConformanceCase("dmd_client_info_properties", s -> md(s,
                DatabaseMetaData::getClientInfoProperties), ANY));
        return c;
    }

    // ------------------------------------------------------------------ helpers

    @FunctionalInterface
    interface SqlFunction<T, R> {
        R apply(T t) throws Exception;
    }

    /** Executes a query on the shared connection and dumps it, or the error. */
    static String query(Side s, String sql) throws SQLException {
        try (Statement st = s.connection().createStatement()) {
            try (ResultSet rs = st.executeQuery(sql)) {
                return Dump.resultSet(rs);
            }
        } catch (SQLException e) {
            return Dump.error(e);
        }
    }

    private static String rs(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return Dump.resultSet(rs);
        }
    }

    private static String md(Side s, SqlFunction<DatabaseMetaData, ResultSet> call) throws SQLException {
        return mdFiltered(s, call, row -> true);
    }

    private static String mdFiltered(Side s, SqlFunction<DatabaseMetaData, ResultSet> call,
            java.util.function.Predicate<List<Object>> keep) throws SQLException {
        DatabaseMetaData m = s.connection().getMetaData();
        try (ResultSet rs = call.apply(m)) {
            return Dump.resultSet(rs, keep);
        } catch (Exception e) {
            return Dump.error(e);
        }
    }

    /** PostgreSQL is shared with other tests: keep our schema and the system ones only. */
    private static boolean keepSchema(TckDatabase db, Object schema) {
        if (db.engine != Engine.POSTGRESQL) {
            return true;
        }
        return Set.of(db.schema, "public", "pg_catalog", "information_schema").contains(String.valueOf(schema));
    }

    private static boolean keepTable(Object name) {
        return Set.of("artist", "album", "note", "album_view")
                .contains(String.valueOf(name).toLowerCase(java.util.Locale.ROOT));
    }

    private static String onFirstRow(Side s, String sql, SqlFunction<ResultSet, Object> f) throws SQLException {
        try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return Dump.call(() -> f.apply(rs));
        } catch (SQLException e) {
            return Dump.error(e);
        }
    }

    /** Runs {@code work} with autocommit off on a fresh connection, then rolls back. */
    private static String inRolledBackTransaction(Side s, SqlFunction<Statement, Object> work) throws SQLException {
        try (Connection conn = s.open()) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                return Dump.call(() -> work.apply(st));
            } finally {
                conn.rollback();
            }
        }
    }

    private static ConformanceCase.RawCheck rows(int n) {
        return (a, db) -> assertTrue(a.endsWith("rows=" + n + "\n"), () -> "expected " + n + " rows:\n" + a);
    }

    private static ConformanceCase.RawCheck error() {
        return (a, db) -> assertTrue(a.startsWith("!"), () -> "expected an SQLException: " + a);
    }

    // ------------------------------------------------------------------ probes

    private static final String[] ALBUM_COLUMNS = {"album_id", "artist_id", "title", "released", "price",
        "rating", "explicit_lyrics", "plays", "cover", "added_at"};

    private static String typedGetters(Side s) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement st = s.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM album ORDER BY album_id")) {
            while (rs.next()) {
                for (int i = 1; i <= ALBUM_COLUMNS.length; i++) {
                    int col = i;
                    sb.append(ALBUM_COLUMNS[i - 1]).append(':')
                            .append(" getString=").append(Dump.call(() -> rs.getString(col)))
                            .append(" wasNull=").append(Dump.call(rs::wasNull))
                            .append(" getInt=").append(Dump.call(() -> rs.getInt(col)))
                            .append(" getLong=").append(Dump.call(() -> rs.getLong(col)).replace("Long:", ""))
                            .append(" getDouble=").append(Dump.call(() -> rs.getDouble(col)))
                            .append(" getBigDecimal=").append(Dump.call(() -> rs.getBigDecimal(col)))
                            .append(" getBoolean=").append(Dump.call(() -> rs.getBoolean(col)))
                            .append(" getBytes=").append(Dump.call(() -> rs.getBytes(col)))
                            .append(" getDate=").append(Dump.call(() -> rs.getDate(col)))
                            .append(" getTimestamp=").append(Dump.call(() -> rs.getTimestamp(col)))
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String gettersByLabel(Side s) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement st = s.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT artist_id AS id, name, country FROM artist ORDER BY artist_id")) {
            sb.append("findColumn(name)=").append(Dump.call(() -> rs.findColumn("name")))
                    .append(" findColumn(NAME)=").append(Dump.call(() -> rs.findColumn("NAME"))).append('\n');
            while (rs.next()) {
                sb.append("id=").append(rs.getInt("id")).append(" name=").append(rs.getString("name"))
                        .append(" country=").append(rs.getString("country"))
                        .append(" wasNull=").append(rs.wasNull()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String getObjectWithClass(Side s) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement st = s.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT album_id, title, released, price, plays, added_at"
                        + " FROM album WHERE album_id = 1")) {
            rs.next();
            sb.append(Dump.call(() -> rs.getObject(1, Integer.class))).append('\n')
                    .append(Dump.call(() -> rs.getObject(1, Long.class))).append('\n')
                    .append(Dump.call(() -> rs.getObject(2, String.class))).append('\n')
                    .append(Dump.call(() -> rs.getObject(3, java.time.LocalDate.class))).append('\n')
                    .append(Dump.call(() -> rs.getObject(4, BigDecimal.class))).append('\n')
                    .append(Dump.call(() -> rs.getObject(5, Long.class))).append('\n')
                    .append(Dump.call(() -> rs.getObject(6, java.time.LocalDateTime.class))).append('\n')
                    .append(Dump.call(() -> rs.getObject("title", String.class))).append('\n');
        }
        return sb.toString();
    }

    private static String streamedRows(Side s) throws SQLException {
        try (Statement st = s.connection().createStatement()) {
            st.setFetchSize(100);
            try (ResultSet rs = st.executeQuery(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT i FROM n")) {
                long rows = 0;
                long sum = 0;
                while (rs.next()) {
                    rows++;
                    sum += rs.getLong(1);
                }
                return "rows=" + rows + " sum=" + sum;
            }
        }
    }

    private static String cursorPosition(Side s) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement st = s.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT artist_id FROM artist WHERE artist_id <= 2 ORDER BY artist_id")) {
            sb.append(position(rs));
            while (rs.next()) {
                sb.append(position(rs));
            }
            sb.append(position(rs));
        }
        return sb.toString();
    }

    private static String position(ResultSet rs) {
        return "beforeFirst=" + Dump.call(rs::isBeforeFirst) + " first=" + Dump.call(rs::isFirst)
                + " last=" + Dump.call(rs::isLast) + " afterLast=" + Dump.call(rs::isAfterLast)
                + " row=" + Dump.call(rs::getRow) + "\n";
    }

    private static String resultSetAttributes(Side s) throws SQLException {
        try (Statement st = s.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT artist_id FROM artist")) {
            return "type=" + Dump.call(rs::getType) + " concurrency=" + Dump.call(rs::getConcurrency)
                    + " holdability=" + Dump.call(rs::getHoldability)
                    + " fetchDirection=" + Dump.call(rs::getFetchDirection)
                    + " warnings=" + Dump.call(rs::getWarnings)
                    + " cursorName=" + Dump.call(rs::getCursorName)
                    + " stmtType=" + Dump.call(st::getResultSetType)
                    + " stmtConcurrency=" + Dump.call(st::getResultSetConcurrency)
                    + " stmtHoldability=" + Dump.call(st::getResultSetHoldability);
        }
    }

    private static String maxRows(Side s) throws SQLException {
        try (Statement st = s.connection().createStatement()) {
            st.setMaxRows(2);
            try (ResultSet rs = st.executeQuery("SELECT artist_id FROM artist ORDER BY artist_id")) {
                return "maxRows=" + st.getMaxRows() + "\n" + Dump.resultSet(rs);
            }
        }
    }

    private static String fetchSizeAndTimeout(Side s) throws SQLException {
        try (Statement st = s.connection().createStatement()) {
            StringBuilder sb = new StringBuilder();
            sb.append("defaultFetchSize=").append(Dump.call(st::getFetchSize))
                    .append(" defaultTimeout=").append(Dump.call(st::getQueryTimeout))
                    .append(" defaultMaxFieldSize=").append(Dump.call(st::getMaxFieldSize));
            st.setFetchSize(50);
            st.setQueryTimeout(30);
            sb.append(" fetchSize=").append(Dump.call(st::getFetchSize))
                    .append(" timeout=").append(Dump.call(st::getQueryTimeout))
                    .append(" poolable=").append(Dump.call(st::isPoolable))
                    .append(" closeOnCompletion=").append(Dump.call(st::isCloseOnCompletion));
            return sb.toString();
        }
    }

    private static String executeProtocol(Side s) throws SQLException {
        try (Statement st = s.connection().createStatement()) {
            boolean hasResult = st.execute("SELECT artist_id, name FROM artist ORDER BY artist_id");
            StringBuilder sb = new StringBuilder("execute=" + hasResult);
            sb.append(" updateCount=").append(Dump.call(st::getUpdateCount)).append('\n');
            try (ResultSet rs = st.getResultSet()) {
                sb.append(Dump.resultSet(rs));
            }
            sb.append("moreResults=").append(Dump.call(st::getMoreResults))
                    .append(" updateCountAfter=").append(Dump.call(st::getUpdateCount))
                    .append(" largeUpdateCount=").append(Dump.call(st::getLargeUpdateCount))
                    .append(" resultSetAfter=").append(Dump.call(() -> st.getResultSet() == null ? "none" : "some"))
                    .append(" warnings=").append(Dump.call(st::getWarnings));
            return sb.toString();
        }
    }

    private static String preparedParams(Side s) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (PreparedStatement ps = s.connection().prepareStatement(
                "SELECT album_id, title, price FROM album WHERE artist_id = ? AND price > ? ORDER BY album_id")) {
            ps.setInt(1, 2);
            ps.setBigDecimal(2, new BigDecimal("10.00"));
            sb.append(rs(ps));
            ps.clearParameters();
            ps.setLong(1, 1L);
            ps.setDouble(2, 9.0);
            sb.append(rs(ps));
            ps.setObject(1, 4);
            ps.setObject(2, new BigDecimal("0"));
            sb.append(rs(ps));
        }
        return sb.toString();
    }

    private static String preparedStrings(Side s) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (PreparedStatement ps = s.connection().prepareStatement(
                "SELECT artist_id, name FROM artist WHERE name = ? OR name = ?")) {
            ps.setString(1, "Guns N' Roses");
            ps.setString(2, "no'; DROP TABLE artist; --");
            sb.append(rs(ps));
            ps.setString(1, "Sigur Rós");
            ps.setString(2, "Björk");
            sb.append(rs(ps));
        }
        return sb.toString();
    }

    private static String parameterMetaData(Side s) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement(
                "SELECT title FROM album WHERE artist_id = ? AND title = ?")) {
            ParameterMetaData pm = ps.getParameterMetaData();
            StringBuilder sb = new StringBuilder("count=" + pm.getParameterCount());
            for (int i = 1; i <= pm.getParameterCount(); i++) {
                int p = i;
                sb.append(" p").append(i).append("mode=").append(Dump.call(() -> pm.getParameterMode(p)))
                        .append(" p").append(i).append("nullable=").append(Dump.call(() -> pm.isNullable(p)));
            }
            return sb.toString();
        }
    }

    private static String updateCounts(Side s) throws SQLException {
        try (Connection conn = s.open()) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                int ins = st.executeUpdate("INSERT INTO note (note_id, body) VALUES (1001, 'a'), (1002, 'b')");
                int upd = st.executeUpdate("UPDATE note SET body = 'c' WHERE note_id >= 1001");
                int del = st.executeUpdate("DELETE FROM note WHERE note_id = 1001");
                long inside = count(conn, "SELECT COUNT(*) FROM note WHERE note_id >= 1001");
                conn.rollback();
                long after = count(conn, "SELECT COUNT(*) FROM note WHERE note_id >= 1001");
                return "insert=" + ins + " update=" + upd + " delete=" + del + " inside=" + inside + " after=" + after
                        + " largeUpdate=" + Dump.call(() -> st.executeLargeUpdate("DELETE FROM note WHERE note_id < 0"));
            } finally {
                conn.rollback();
            }
        }
    }

    private static long count(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String statementBatch(Side s) throws SQLException {
        try (Connection conn = s.open()) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.addBatch("INSERT INTO note (note_id, body) VALUES (2001, 'x')");
                st.addBatch("INSERT INTO note (note_id, body) VALUES (2002, 'y')");
                st.addBatch("UPDATE note SET body = 'z' WHERE note_id >= 2001");
                String counts = Dump.call(() -> Arrays.toString(st.executeBatch()));
                conn.rollback();
                return "counts=" + counts + " after=" + count(conn, "SELECT COUNT(*) FROM note WHERE note_id >= 2001");
            } finally {
                conn.rollback();
            }
        }
    }

    private static String preparedBatch(Side s) throws SQLException {
        try (Connection conn = s.open()) {
            conn.setAutoCommit(false);
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO note (note_id, body) VALUES (?, ?)")) {
                for (int i = 0; i < 3; i++) {
                    ps.setInt(1, 3001 + i);
                    ps.setString(2, "row " + i);
                    ps.addBatch();
                }
                String counts = Dump.call(() -> Arrays.toString(ps.executeBatch()));
                long inside = count(conn, "SELECT COUNT(*) FROM note WHERE note_id >= 3001");
                conn.rollback();
                return "counts=" + counts + " inside=" + inside
                        + " after=" + count(conn, "SELECT COUNT(*) FROM note WHERE note_id >= 3001");
            } finally {
                conn.rollback();
            }
        }
    }

    /** Key values differ from run to run where sequences do not roll back: keep their shape only. */
    private static String generatedKeys(Side s) throws SQLException {
        try (Connection conn = s.open()) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                String result = Dump.call(() -> {
                    int n = st.executeUpdate("INSERT INTO note (body) VALUES ('generated')", Statement.RETURN_GENERATED_KEYS);
                    StringBuilder sb = new StringBuilder("updated=" + n);
                    try (ResultSet keys = st.getGeneratedKeys()) {
                        sb.append(" columns=").append(keys.getMetaData().getColumnCount());
                        sb.append(" statementIsOurs=").append(Dump.call(() -> keys.getStatement() == st));
                        while (keys.next()) {
                            Object k = keys.getObject(1);
                            sb.append(" key=").append(k == null ? "null" : k.getClass().getSimpleName())
                                    .append(k instanceof Number num && num.longValue() > 0 ? ">0" : "");
                        }
                    }
                    return sb.toString();
                });
                return result;
            } finally {
                conn.rollback();
            }
        }
    }

    private static String transactionState(Side s) throws SQLException {
        try (Connection conn = s.open()) {
            StringBuilder sb = new StringBuilder("autoCommit=" + conn.getAutoCommit());
            sb.append(" isolation=").append(Dump.call(conn::getTransactionIsolation))
                    .append(" readOnly=").append(Dump.call(conn::isReadOnly))
                    .append(" holdability=").append(Dump.call(conn::getHoldability));
            conn.setAutoCommit(false);
            sb.append(" autoCommitOff=").append(conn.getAutoCommit());
            sb.append(" savepoint=").append(Dump.call(() -> {
                var sp = conn.setSavepoint("sp1");
                conn.rollback(sp);
                return sp.getSavepointName();
            }));
            conn.commit();
            conn.setAutoCommit(true);
            sb.append(" commitInAutoCommit=").append(Dump.call(() -> { conn.commit(); return "ok"; }));
            return sb.toString();
        }
    }

    private static String commitRollback(Side s) throws SQLException {
        try (Connection conn = s.open()) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.executeUpdate("INSERT INTO note (note_id, body) VALUES (4001, 'rolled back')");
                conn.rollback();
                long afterRollback = count(conn, "SELECT COUNT(*) FROM note WHERE note_id = 4001");
                st.executeUpdate("INSERT INTO note (note_id, body) VALUES (4002, 'committed')");
                conn.commit();
                long afterCommit = count(conn, "SELECT COUNT(*) FROM note WHERE note_id = 4002");
                st.executeUpdate("DELETE FROM note WHERE note_id = 4002");
                conn.commit();
                long cleaned = count(conn, "SELECT COUNT(*) FROM note WHERE note_id = 4002");
                return "afterRollback=" + afterRollback + " afterCommit=" + afterCommit + " cleaned=" + cleaned;
            }
        }
    }

    private static String closedStatement(Side s) throws SQLException {
        Statement st = s.connection().createStatement();
        ResultSet rs = st.executeQuery("SELECT artist_id FROM artist");
        st.close();
        return "stmtClosed=" + st.isClosed() + " rsClosed=" + Dump.call(rs::isClosed)
                + " rsNext=" + Dump.call(rs::next)
                + " executeQuery=" + Dump.call(() -> st.executeQuery("SELECT 1"))
                + " closeAgain=" + Dump.call(() -> { st.close(); return "ok"; });
    }

    private static String closedConnection(Side s) throws SQLException {
        Connection conn = s.open();
        Statement st = conn.createStatement();
        conn.close();
        return "isClosed=" + conn.isClosed() + " isValid=" + Dump.call(() -> conn.isValid(1))
                + " createStatement=" + Dump.call(conn::createStatement)
                + " prepareStatement=" + Dump.call(() -> conn.prepareStatement("SELECT 1"))
                + " getMetaData=" + Dump.call(() -> conn.getMetaData() == null ? "null" : "metadata")
                + " statementClosed=" + Dump.call(st::isClosed)
                + " closeAgain=" + Dump.call(() -> { conn.close(); return "ok"; });
    }

    private static String backReferences(Side s) throws SQLException {
        Connection conn = s.connection();
        StringBuilder sb = new StringBuilder();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT artist_id FROM artist")) {
            sb.append("stmt.getConnection==conn:").append(st.getConnection() == conn)
                    .append(" rs.getStatement==stmt:").append(rs.getStatement() == st);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT artist_id FROM artist WHERE artist_id = ?")) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                sb.append(" ps.getConnection==conn:").append(ps.getConnection() == conn)
                        .append(" rs.getStatement==ps:").append(rs.getStatement() == ps);
            }
        }
        DatabaseMetaData md = conn.getMetaData();
        sb.append(" md.getConnection==conn:").append(md.getConnection() == conn);
        try (ResultSet tables = md.getTables(null, s.db.schema, "%", null)) {
            sb.append(" mdResult.getStatement:").append(Dump.call(() -> {
                Statement st = tables.getStatement();
                return st == null ? "null" : st.getConnection() == conn ? "ours" : "other";
            }));
        }
        sb.append(" isWrapperFor(Connection):").append(Dump.call(() -> conn.isWrapperFor(Connection.class)))
                .append(" unwrap(Connection)==conn:").append(Dump.call(() -> conn.unwrap(Connection.class) == conn));
        return sb.toString();
    }

    private static String connectionAttributes(Side s) throws SQLException {
        Connection conn = s.connection();
        return "catalog=" + Dump.call(conn::getCatalog) + " schema=" + Dump.call(conn::getSchema)
                + " valid=" + Dump.call(() -> conn.isValid(5)) + " warnings=" + Dump.call(conn::getWarnings)
                + " typeMap=" + Dump.call(() -> new java.util.TreeMap<>(conn.getTypeMap()).keySet())
                + " clientInfo=" + Dump.call(() -> new java.util.TreeMap<>(conn.getClientInfo()).keySet())
                + " networkTimeout=" + Dump.call(conn::getNetworkTimeout)
                + " nativeSQL=" + Dump.call(() -> conn.nativeSQL("SELECT name FROM artist WHERE artist_id = 1"));
    }

    /** Every no-argument DatabaseMetaData method answering a scalar, except the URL (see dmd_url). */
    private static String metaDataScalars(Side s) throws SQLException {
        DatabaseMetaData md = s.connection().getMetaData();
        List<Method> methods = new ArrayList<>();
        for (Method m : DatabaseMetaData.class.getMethods()) {
            Class<?> r = m.getReturnType();
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                    && (r.isPrimitive() || r == String.class || r.isEnum())
                    && !m.getName().equals("getURL")) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        StringBuilder sb = new StringBuilder();
        for (Method m : methods) {
            sb.append(m.getName()).append('=').append(Dump.call(() -> {
                try {
                    Object answer = m.invoke(md);
                    // comma-separated sets (functions, keywords): DuckDB lists them in varying order
                    return answer instanceof String list && m.getName().matches("get\\w+(Functions|Keywords)")
                            ? String.join(",", new java.util.TreeSet<>(Arrays.asList(list.split(",")))) : answer;
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            })).append('\n');
        }
        return sb.toString();
    }

    private static String supportsWithArguments(Side s) throws SQLException {
        DatabaseMetaData md = s.connection().getMetaData();
        StringBuilder sb = new StringBuilder();
        int[] types = {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.TYPE_SCROLL_SENSITIVE};
        for (int t : types) {
            sb.append("type ").append(t).append(": supports=").append(Dump.call(() -> md.supportsResultSetType(t)))
                    .append(" readOnly=").append(Dump.call(() -> md.supportsResultSetConcurrency(t, ResultSet.CONCUR_READ_ONLY)))
                    .append(" updatable=").append(Dump.call(() -> md.supportsResultSetConcurrency(t, ResultSet.CONCUR_UPDATABLE)))
                    .append(" ownUpdatesVisible=").append(Dump.call(() -> md.ownUpdatesAreVisible(t)))
                    .append('\n');
        }
        for (int level : new int[] {Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
            Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE}) {
            sb.append("isolation ").append(level).append('=')
                    .append(Dump.call(() -> md.supportsTransactionIsolationLevel(level))).append('\n');
        }
        sb.append("holdability close=").append(Dump.call(() -> md.supportsResultSetHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT)))
                .append(" hold=").append(Dump.call(() -> md.supportsResultSetHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT)))
                .append('\n');
        sb.append("convert int->varchar=").append(Dump.call(() -> md.supportsConvert(Types.INTEGER, Types.VARCHAR)))
                .append('\n');
        return sb.toString();
    }
}
