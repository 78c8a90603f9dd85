package dev.nlsql.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records as JSON objects (Jackson), one per line in exports. Field names are snake_case:
 * {@code id, time} (ISO-8601 UTC), {@code user, target_url, statement, question, placeholders}
 * ({@code {name: {kind, value}}}), {@code sql, parameters} ({@code [{index, type, value}]}),
 * {@code decision, rule, sql_state, error, schema_hash, scratch, model, columns}
 * ({@code [{name, type}]}), {@code row_count}, {@code result_hash} (the order-insensitive digest:
 * what any replay must reproduce), {@code result_hash_ordered}, {@code result_hash_unordered},
 * {@code complete}, {@code timings} ({@code {parse_ms, translate_ms, execute_ms, fetch_ms}}).
 * Null fields are written as JSON null. {@link #read} is the inverse of {@link #write}.
 */
public final class ProvenanceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProvenanceJson() {}

    /** The record as a JSON object node. */
    public static ObjectNode toNode(ProvenanceRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", r.id());
        o.put("time", r.time() == null ? null : r.time().toString());
        o.put("user", r.user());
        o.put("target_url", r.targetUrl());
        o.put("statement", r.statement());
        o.put("question", r.question());
        ObjectNode ph = o.putObject("placeholders");
        new TreeMap<>(r.placeholders()).forEach((k, v) -> ph.putObject(k).put("kind", v.kind()).put("value", v.value()));
        o.put("sql", r.sql());
        ArrayNode ps = o.putArray("parameters");
        r.parameters().forEach(p -> ps.addObject().put("index", p.index()).put("type", p.type()).put("value", p.value()));
        o.put("decision", r.decision());
        o.put("rule", r.rule());
        o.put("sql_state", r.sqlState());
        o.put("error", r.error());
        o.put("schema_hash", r.schemaHash());
        o.put("scratch", r.scratch());
        if (r.model() == null) {
            o.putNull("model");
        } else {
            ObjectNode m = o.putObject("model");
            new TreeMap<>(r.model()).forEach(m::put);
        }
        ArrayNode cs = o.putArray("columns");
        r.columns().forEach(c -> cs.addObject().put("name", c.name()).put("type", c.type()));
        o.put("row_count", r.rowCount());
        o.put("result_hash", r.resultHashUnordered());
        o.put("result_hash_ordered", r.resultHashOrdered());
        o.put("result_hash_unordered", r.resultHashUnordered());
        o.put("complete", r.complete());
        ObjectNode t = o.putObject("timings");
        ProvenanceRecord.Timings tm = r.timings() == null ? new ProvenanceRecord.Timings(0, 0, 0, 0) : r.timings();
        t.put("parse_ms", tm.parseMs()).put("translate_ms", tm.translateMs()).put("execute_ms", tm.executeMs())
                .put("fetch_ms", tm.fetchMs());
        return o;
    }

    /** The record as one line of JSON (no line breaks inside). */
    public static String write(ProvenanceRecord r) {
        try {
            return MAPPER.writeValueAsString(toNode(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses one JSON object written by {@link #write}.
     *
     * @throws IllegalArgumentException when {@code json} is not such an object
     */
    public static ProvenanceRecord read(String json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a provenance record: " + e.getOriginalMessage(), e);
        }
    }

    /** The record held by a JSON object node. */
    public static ProvenanceRecord fromNode(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("not a provenance record: expected a JSON object");
        }
        Map<String, ProvenanceRecord.Placeholder> ph = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("placeholders").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            ph.put(e.getKey(), new ProvenanceRecord.Placeholder(text(e.getValue(), "kind"), text(e.getValue(), "value")));
        }
        List<ProvenanceRecord.Parameter> params = new ArrayList<>();
        o.path("parameters").forEach(p -> params.add(new ProvenanceRecord.Parameter(p.path("index").asInt(),
                text(p, "type"), text(p, "value"))));
        Map<String, String> model = null;
        if (o.path("model").isObject()) {
            model = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("model").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    model.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        List<ProvenanceRecord.Column> cols = new ArrayList<>();
        o.path("columns").forEach(c -> cols.add(new ProvenanceRecord.Column(text(c, "name"), text(c, "type"))));
        JsonNode t = o.path("timings");
        String time = text(o, "time");
        return ProvenanceRecord.builder().id(text(o, "id")).time(time == null ? null : Instant.parse(time))
                .user(text(o, "user")).targetUrl(text(o, "target_url")).statement(text(o, "statement"))
                .question(text(o, "question")).placeholders(ph).sql(text(o, "sql")).parameters(params)
                .decision(text(o, "decision")).rule(text(o, "rule")).sqlState(text(o, "sql_state"))
                .error(text(o, "error")).schemaHash(text(o, "schema_hash")).scratch(o.path("scratch").asBoolean())
                .model(model).columns(cols).rowCount(o.path("row_count").asLong())
                .resultHashOrdered(text(o, "result_hash_ordered"))
                .resultHashUnordered(o.hasNonNull("result_hash_unordered") ? text(o, "result_hash_unordered")
                        : text(o, "result_hash"))
                .complete(o.path("complete").asBoolean())
                .timings(new ProvenanceRecord.Timings(t.path("parse_ms").asDouble(), t.path("translate_ms").asDouble(),
                        t.path("execute_ms").asDouble(), t.path("fetch_ms").asDouble()))
                .build();
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
