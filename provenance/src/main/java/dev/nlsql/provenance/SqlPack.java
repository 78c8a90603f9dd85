package dev.nlsql.provenance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A SQL pack: pinned question→SQL translations for one schema, exchanged as JSON that follows
 * the published JSON Schema {@code dev/nlsql/provenance/sql-pack.schema.json} (read and write
 * with {@link SqlPacks}). Pinned translations are used by the NL dialect before the model.
 *
 * @param format always {@link #FORMAT}
 * @param name pack name
 * @param schemaHash schema hash the SQL was written for (SHA-256 hex)
 * @param dialect SQL dialect of the queries ({@code sqlite}, {@code duckdb}, {@code h2},
 *     {@code postgresql}, {@code sqlserver}, {@code generic})
 * @param createdAt ISO-8601 instant the pack was written
 * @param queries the pinned queries, ids unique
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record SqlPack(
        @JsonProperty("format") String format,
        @JsonProperty("name") String name,
        @JsonProperty("schema_hash") String schemaHash,
        @JsonProperty("dialect") String dialect,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("queries") List<Query> queries) {

    /** The format tag of this version of packs. */
    public static final String FORMAT = "nlsql-sql-pack/1";

    public SqlPack {
        queries = queries == null ? List.of() : List.copyOf(queries);
    }

    /**
     * One pinned translation.
     *
     * @param id unique id in the pack ({@code [A-Za-z0-9_.:-]+})
     * @param question the NL question, with placeholders ({@code __NUM_1__}) where values vary
     * @param sql the SQL, with {@code ?} markers for the parameters
     * @param parameters the markers in order
     * @param expected row count and result digest of the SQL with the parameters' values, or null
     * @param pinnedBy who pinned it
     * @param pinnedAt ISO-8601 instant it was pinned
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Query(
            @JsonProperty("id") String id,
            @JsonProperty("question") String question,
            @JsonProperty("sql") String sql,
            @JsonProperty("parameters") List<Parameter> parameters,
            @JsonProperty("expected") Expected expected,
            @JsonProperty("pinned_by") String pinnedBy,
            @JsonProperty("pinned_at") String pinnedAt) {
        public Query {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }

    /**
     * A {@code ?} marker: its 1-based index, the placeholder it stands for (e.g.
     * {@code __NUM_1__}), JDBC type name, and the value used for {@code expected} (text as in
     * {@link ParameterCodec}), each but index optional.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameter(
            @JsonProperty("index") int index,
            @JsonProperty("name") String name,
            @JsonProperty("type") String type,
            @JsonProperty("value") String value) {}

    /** What the query returned when pinned: row count and order-insensitive result digest. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expected(
            @JsonProperty("row_count") Long rowCount,
            @JsonProperty("result_hash") String resultHash) {}
}
