package dev.nlsql.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One statement's citation: what ran, against which database state, and what came back.
 * Refused statements get a record too ({@code decision} = {@code refused}).
 *
 * <p>Build with {@link #builder()}. All times in milliseconds; hashes are lower-case hex SHA-256.
 *
 * @param id unique id (UUID string), assigned when the statement starts
 * @param time when the statement started
 * @param user the connection's user name, or null
 * @param targetUrl the target JDBC URL with credentials removed
 * @param statement the text the caller sent ({@code ASK ...} for questions)
 * @param question the NL question with placeholders, for questions; else null
 * @param placeholders placeholder name to its kind and value (as bound), for questions
 * @param sql the SQL executed (with {@code ?} markers), or null when refused before translation
 * @param parameters bound parameters in order, with their types
 * @param decision {@code allowed} or {@code refused}
 * @param rule the policy rule that allowed or refused it
 * @param sqlState the SQLState of the error, when the statement failed or was refused
 * @param error the error message, when the statement failed or was refused
 * @param schemaHash SHA-256 of the source schema snapshot
 * @param scratch whether scratch objects were involved
 * @param model model identity for questions ({@code name}, {@code weightsSha256},
 *     {@code decodeConfig}, {@code promptHash}, {@code source}: model, cache or pinned); else null
 * @param columns result column names and types (JDBC type names), in order
 * @param rowCount rows the client read (or the update count for writes)
 * @param resultHashOrdered digest of rows in the order read
 * @param resultHashUnordered order-insensitive digest of the same rows
 * @param complete whether the client read every row
 * @param timings parse, translate, execute, fetch (ms)
 */
public record ProvenanceRecord(
        String id,
        Instant time,
        String user,
        String targetUrl,
        String statement,
        String question,
        Map<String, Placeholder> placeholders,
        String sql,
        List<Parameter> parameters,
        String decision,
        String rule,
        String sqlState,
        String error,
        String schemaHash,
        boolean scratch,
        Map<String, String> model,
        List<Column> columns,
        long rowCount,
        String resultHashOrdered,
        String resultHashUnordered,
        boolean complete,
        Timings timings) {

    /** A placeholder of the ID vault: its kind (ID, STR, NUM, DATE) and the value bound. */
    public record Placeholder(String kind, String value) {}

    /** A bound parameter: its 1-based index, JDBC type name and value rendered as text. */
    public record Parameter(int index, String type, String value) {}

    /** A result column: label and JDBC type name. */
    public record Column(String name, String type) {}

    /** Stage timings in milliseconds (fractions allowed). */
    public record Timings(double parseMs, double translateMs, double executeMs, double fetchMs) {}

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this record, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().id(id).time(time).user(user).targetUrl(targetUrl).statement(statement)
                .question(question).placeholders(placeholders).sql(sql).parameters(parameters)
                .decision(decision).rule(rule).sqlState(sqlState).error(error).schemaHash(schemaHash)
                .scratch(scratch).model(model).columns(columns).rowCount(rowCount)
                .resultHashOrdered(resultHashOrdered).resultHashUnordered(resultHashUnordered)
                .complete(complete).timings(timings);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String id;
        private Instant time = Instant.now();
        private String user;
        private String targetUrl;
        private String statement;
        private String question;
        private Map<String, Placeholder> placeholders = Map.of();
        private String sql;
        private List<Parameter> parameters = List.of();
        private String decision = "allowed";
        private String rule;
        private String sqlState;
        private String error;
        private String schemaHash;
        private boolean scratch;
        private Map<String, String> model;
        private List<Column> columns = List.of();
        private long rowCount;
        private String resultHashOrdered;
        private String resultHashUnordered;
        private boolean complete;
        private Timings timings = new Timings(0, 0, 0, 0);

        public Builder id(String v) { id = v; return this; }
        public Builder time(Instant v) { time = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder targetUrl(String v) { targetUrl = v; return this; }
        public Builder statement(String v) { statement = v; return this; }
        public Builder question(String v) { question = v; return this; }
        public Builder placeholders(Map<String, Placeholder> v) { placeholders = v; return this; }
        public Builder sql(String v) { sql = v; return this; }
        public Builder parameters(List<Parameter> v) { parameters = v; return this; }
        public Builder decision(String v) { decision = v; return this; }
        public Builder rule(String v) { rule = v; return this; }
        public Builder sqlState(String v) { sqlState = v; return this; }
        public Builder error(String v) { error = v; return this; }
        public Builder schemaHash(String v) { schemaHash = v; return this; }
        public Builder scratch(boolean v) { scratch = v; return this; }
        public Builder model(Map<String, String> v) { model = v; return this; }
        public Builder columns(List<Column> v) { columns = v; return this; }
        public Builder rowCount(long v) { rowCount = v; return this; }
        public Builder resultHashOrdered(String v) { resultHashOrdered = v; return this; }
        public Builder resultHashUnordered(String v) { resultHashUnordered = v; return this; }
        public Builder complete(boolean v) { complete = v; return this; }
        public Builder timings(Timings v) { timings = v; return this; }

        /** The record; a random UUID is assigned when no id was set. */
        public ProvenanceRecord build() {
            return new ProvenanceRecord(id == null ? java.util.UUID.randomUUID().toString() : id, time, user, targetUrl, statement, question,
                    placeholders == null ? Map.of() : Map.copyOf(placeholders), sql,
                    parameters == null ? List.of() : List.copyOf(parameters), decision, rule,
                    sqlState, error, schemaHash, scratch, model == null ? null : Map.copyOf(model),
                    columns == null ? List.of() : List.copyOf(columns), rowCount,
                    resultHashOrdered, resultHashUnordered, complete, timings);
        }
    }
}
