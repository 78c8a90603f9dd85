package dev.nlsql.model.data;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.sql.SqlToken;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One training or evaluation record: SCHEMA / QUESTION / ID_MAP / SQL.
 *
 * @param dbId database id (Spider {@code db_id}, or the schema bundle's name)
 * @param schema the schema the pointers of {@code sql} index
 * @param question the question masked by the ID vault
 * @param placeholders placeholder name to kind ({@code STR}, {@code NUM}, {@code DATE}, {@code ID}), in order
 * @param sql the target as canonical tokens (no EOS)
 * @param source {@code spider} or {@code synthetic}
 */
public record Example(String dbId, SchemaContext schema, String question,
        LinkedHashMap<String, String> placeholders, List<SqlToken> sql, String source) {}
