package dev.nlsql.policy.internal;

import dev.nlsql.policy.StatementKind;

/**
 * The result of checking one parse tree: what the statement does, the re-rendered SQL, the rule
 * that allowed it, whether it touches scratch and how many {@code ?} markers the tree holds. What
 * the verdict asked the scratch catalog is in the check's {@link CatalogLookups}.
 */
public record Checked(StatementKind kind, String sql, String rule, boolean touchesScratch,
        int parameters) {}
