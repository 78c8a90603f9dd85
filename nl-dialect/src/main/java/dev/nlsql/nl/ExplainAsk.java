package dev.nlsql.nl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-row result of {@code EXPLAIN ASK}: the driver builds a ResultSet from
 * {@link #COLUMNS}, {@link #COLUMN_TYPES} and {@link #row(NlPlan)}.
 *
 * <p>Columns: {@code sql} (VARCHAR, with {@code ?} markers; null when translation failed),
 * {@code parameters} (VARCHAR, a JSON array of {@code {"index","placeholder","kind","type","value"}}),
 * {@code source} (VARCHAR: model, cache or pinned; null when failed), {@code schema_hash}
 * (VARCHAR), {@code model} (VARCHAR, {@link dev.nlsql.model.ModelIdentity#shortForm()}),
 * {@code translation_ms} (DOUBLE, milliseconds), {@code reason} (VARCHAR, why translation
 * failed, with the best candidate; null on success).
 */
public final class ExplainAsk {

    /** Column labels in order. */
    public static final List<String> COLUMNS =
            List.of("sql", "parameters", "source", "schema_hash", "model", "translation_ms", "reason");
    /** {@link java.sql.Types} of the columns, in order. */
    public static final List<Integer> COLUMN_TYPES = List.of(Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.DOUBLE, Types.VARCHAR);

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplainAsk() {}

    /** The row for a plan, values in {@link #COLUMNS} order (String or Double, some null). */
    public static List<Object> row(NlPlan plan) {
        List<Object> row = new ArrayList<>();
        row.add(plan.sql());
        row.add(parametersJson(plan));
        row.add(plan.source() == null ? null : plan.source().label());
        row.add(plan.schemaHash());
        row.add(plan.model() == null ? null : plan.model().shortForm());
        row.add(plan.translationMs());
        row.add(plan.failureReason());
        return row;
    }

    /** The parameters as a JSON array. */
    public static String parametersJson(NlPlan plan) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (NlParameter p : plan.parameters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", p.index());
            m.put("placeholder", p.placeholder());
            m.put("kind", p.kind());
            m.put("type", p.typeName());
            m.put("value", p.value() == null ? null : String.valueOf(p.value()));
            list.add(m);
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
