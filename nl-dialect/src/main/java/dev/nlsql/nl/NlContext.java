package dev.nlsql.nl;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.StatementPolicy;
import dev.nlsql.provenance.SchemaSnapshot;
import java.sql.Connection;
import java.util.Objects;

/**
 * What one connection contributes to planning a question.
 *
 * @param engine the target engine (SQL dialect of the output)
 * @param schema the target's schema snapshot (its hash keys caches and value indexes)
 * @param policy the statement policy every candidate must pass
 * @param valueSource an open connection to the target used once per schema hash to read the
 *     value index (plain {@code SELECT DISTINCT} reads of text columns) and, with
 *     execution-guided selection, to probe validated candidates (at most one row each, see
 *     {@link JdbcCandidateProbe}), or null for neither
 */
public record NlContext(Engine engine, SchemaSnapshot schema, StatementPolicy policy, Connection valueSource) {
    public NlContext {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(policy, "policy");
    }
}
