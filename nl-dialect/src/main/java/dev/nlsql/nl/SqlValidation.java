package dev.nlsql.nl;

import java.util.List;

/**
 * The outcome of validating one candidate.
 *
 * @param valid whether the candidate may run
 * @param sql the final SQL with {@code ?} markers, in the target's dialect (null when invalid)
 * @param placeholderOrder placeholder names in the order of the {@code ?} markers
 * @param templateSql the validated SQL with placeholders still in place (what caches store)
 * @param reason why the candidate was refused (null when valid)
 */
public record SqlValidation(boolean valid, String sql, List<String> placeholderOrder, String templateSql,
        String reason) {

    public SqlValidation {
        placeholderOrder = placeholderOrder == null ? List.of() : List.copyOf(placeholderOrder);
    }

    static SqlValidation ok(String sql, List<String> order, String template) {
        return new SqlValidation(true, sql, order, template, null);
    }

    static SqlValidation refused(String reason) {
        return new SqlValidation(false, null, List.of(), null, reason);
    }
}
