package dev.nlsql.model.eval;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Spider question.
 *
 * @param index position in the source file (0-based), stable across runs
 * @param dbId the database id ({@code database/<dbId>/<dbId>.sqlite})
 * @param question the natural-language question as written
 * @param query the gold SQL
 * @param parsedSql Spider's parsed form of the gold SQL (the {@code sql} field of dev.json), used
 *     for hardness; may be {@code null} for files that lack it (train_spider_min.json)
 */
public record SpiderExample(int index, String dbId, String question, String query, JsonNode parsedSql) {

    /** Hardness per Spider's rules, or {@code null} when the parsed SQL is absent. */
    public Hardness hardness() {
        return parsedSql == null ? null : SpiderHardness.classify(parsedSql);
    }

    /**
     * Whether row order matters when comparing results: the gold query contains
     * {@code ORDER BY} (the rule of test-suite-sql-eval's {@code exec_eval.py}:
     * {@code order_matters = 'order by' in g_str.lower()}).
     */
    public boolean goldOrdered() {
        return query.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").contains("order by");
    }
}
