package dev.nlsql.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link TranslationCache} in the store's tables {@code nlsql_translation_cache} and {@code nlsql_pinned_translation}. */
final class JdbcTranslationCache implements TranslationCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<SqlPack.Parameter>> PARAMS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> META = new TypeReference<>() {};

    private final DataSource ds;

    JdbcTranslationCache(DataSource ds) {
        this.ds = ds;
    }

    static String pinKey(String schemaHash, String question) {
        return Hashes.sha256Hex(schemaHash + "\0" + TranslationCache.normalise(question));
    }

    @Override
    public Optional<Translation> pinned(String schemaHash, String question) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sql_text, parameters_json, query_id, pinned_by, pinned_at,"
                     + " pack_name FROM nlsql_pinned_translation WHERE pin_key = ?")) {
            ps.setString(1, pinKey(schemaHash, question));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String pack = rs.getString(6);
                return Optional.of(new Translation(rs.getString(1), read(rs.getString(2), PARAMS),
                        pack == null ? Map.of() : Map.of("pack", pack), "pinned", rs.getString(3), rs.getString(4),
                        rs.getString(5)));
            }
        }
    }

    @Override
    public Optional<Translation> get(TranslationKey key) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sql_text, parameters_json, metadata_json"
                     + " FROM nlsql_translation_cache WHERE cache_key = ?")) {
            ps.setString(1, key.hash());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(Translation.cached(rs.getString(1), read(rs.getString(2), PARAMS),
                        read(rs.getString(3), META)));
            }
        }
    }

    @Override
    public void put(TranslationKey key, Translation t) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM nlsql_translation_cache WHERE cache_key = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO nlsql_translation_cache (cache_key, schema_hash,"
                         + " question, model, decode_settings, sql_text, parameters_json, metadata_json, created_ms)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                del.setString(1, key.hash());
                del.executeUpdate();
                ins.setString(1, key.hash());
                ins.setString(2, key.schemaHash());
                ins.setString(3, key.question());
                ins.setString(4, key.model());
                ins.setString(5, key.decodeSettings());
                ins.setString(6, t.sql());
                ins.setString(7, write(t.parameters()));
                ins.setString(8, CanonicalJson.write(t.metadata()));
                ins.setLong(9, System.currentTimeMillis());
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public int pin(SqlPack pack) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM nlsql_pinned_translation WHERE pin_key = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO nlsql_pinned_translation (pin_key, schema_hash,"
                         + " question_norm, question, query_id, pack_name, dialect, sql_text, parameters_json,"
                         + " expected_row_count, expected_result_hash, pinned_by, pinned_at, imported_ms)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                long now = System.currentTimeMillis();
                for (SqlPack.Query q : pack.queries()) {
                    String key = pinKey(pack.schemaHash(), q.question());
                    del.setString(1, key);
                    del.executeUpdate();
                    ins.setString(1, key);
                    ins.setString(2, pack.schemaHash());
                    ins.setString(3, TranslationCache.normalise(q.question()));
                    ins.setString(4, q.question());
                    ins.setString(5, q.id());
                    ins.setString(6, pack.name());
                    ins.setString(7, pack.dialect());
                    ins.setString(8, q.sql());
                    ins.setString(9, write(q.parameters()));
                    if (q.expected() != null && q.expected().rowCount() != null) {
                        ins.setLong(10, q.expected().rowCount());
                    } else {
                        ins.setNull(10, java.sql.Types.BIGINT);
                    }
                    ins.setString(11, q.expected() == null ? null : q.expected().resultHash());
                    ins.setString(12, q.pinnedBy());
                    ins.setString(13, q.pinnedAt());
                    ins.setLong(14, now);
                    ins.executeUpdate();
                }
                c.commit();
                return pack.queries().size();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public SqlPack exportPinned(String schemaHash, String name, String dialect) throws SQLException {
        List<SqlPack.Query> qs = new ArrayList<>();
        String seenDialect = null;
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT query_id, question, sql_text, parameters_json,"
                     + " expected_row_count, expected_result_hash, pinned_by, pinned_at, dialect"
                     + " FROM nlsql_pinned_translation WHERE schema_hash = ?")) {
            ps.setString(1, schemaHash);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rows = rs.getLong(5);
                    Long rowCount = rs.wasNull() ? null : rows;
                    String hash = rs.getString(6);
                    SqlPack.Expected exp = rowCount == null && hash == null ? null : new SqlPack.Expected(rowCount, hash);
                    qs.add(new SqlPack.Query(rs.getString(1), rs.getString(2), rs.getString(3),
                            read(rs.getString(4), PARAMS), exp, rs.getString(7), rs.getString(8)));
                    seenDialect = rs.getString(9);
                }
            }
        }
        qs.sort(Comparator.comparing(SqlPack.Query::id));
        return new SqlPack(SqlPack.FORMAT, name, schemaHash, dialect != null ? dialect
                : seenDialect != null ? seenDialect : "generic", Instant.now().toString(), qs);
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt JSON in the translation store: " + e.getOriginalMessage(), "XX001", e);
        }
    }
}
