package dev.nlsql.policy.internal;

import dev.nlsql.policy.StatementKind;

/**
 * The result of checking one parse tree: what the statement does, the re-rendered SQL, the rule
 * that allowed it, whether it touches scratch, how many {@code ?} markers the tree holds, and
 * whether the verdict depended on the scratch catalog (then it is cached per catalog version).
 */
public record Checked(StatementKind kind, String sql, String rule, boolean touchesScratch,
        int parameters, boolean usedCatalog) {}
