package dev.nlsql.nl;

import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.vault.Slot;
import dev.nlsql.provenance.ProvenanceRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The translation of one question: what runs and where it came from.
 *
 * @param explain true for {@code EXPLAIN ASK} (describe, do not run)
 * @param question the question as written
 * @param maskedQuestion the question with values replaced by placeholders
 * @param placeholders placeholder name to its slot (kind, original text, typed value), in order
 *     of appearance in the question
 * @param sql the final SQL with {@code ?} markers in the target's dialect; null when
 *     translation failed
 * @param parameters the values to bind, in marker order (index 1..n)
 * @param source model, cache or pinned; null when translation failed
 * @param schemaHash the schema hash the translation is valid for
 * @param model the translator's identity, or null when none is configured
 * @param promptHash SHA-256 of the model input ({@link PromptText}); null for pinned
 *     translations
 * @param translationMs time spent in {@link NlDialect#plan}, milliseconds
 * @param failureReason why no valid SQL was found (only for a failed {@code EXPLAIN ASK}); else null
 * @param bestCandidate the model's best candidate when translation failed, else null
 * @param pinId the SQL-pack entry used when {@code source} is pinned, else null
 */
public record NlPlan(
        boolean explain,
        String question,
        String maskedQuestion,
        Map<String, Slot> placeholders,
        String sql,
        List<NlParameter> parameters,
        PlanSource source,
        String schemaHash,
        ModelIdentity model,
        String promptHash,
        double translationMs,
        String failureReason,
        String bestCandidate,
        String pinId) {

    public NlPlan {
        placeholders = placeholders == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** Whether translation failed (then {@link #sql()} is null and {@link #failureReason()} says why). */
    public boolean failed() {
        return sql == null;
    }

    /** Binds every parameter, in order, on a statement prepared from {@link #sql()}. */
    public void bind(PreparedStatement statement) throws SQLException {
        for (NlParameter p : parameters) {
            p.bind(statement);
        }
    }

    /** The placeholder map as a provenance record holds it (kind and bound value as text). */
    public Map<String, ProvenanceRecord.Placeholder> provenancePlaceholders() {
        Map<String, ProvenanceRecord.Placeholder> m = new LinkedHashMap<>();
        placeholders.forEach((k, s) -> m.put(k, new ProvenanceRecord.Placeholder(s.kind().name(), String.valueOf(s.value()))));
        return m;
    }

    /** The bound parameters as a provenance record holds them. */
    public List<ProvenanceRecord.Parameter> provenanceParameters() {
        List<ProvenanceRecord.Parameter> out = new ArrayList<>();
        for (NlParameter p : parameters) {
            out.add(new ProvenanceRecord.Parameter(p.index(), p.typeName(), String.valueOf(p.value())));
        }
        return out;
    }

    /**
     * The model map of a provenance record: {@code name}, {@code weightsSha256},
     * {@code decodeConfig} (when a model is configured), {@code promptHash} (when known),
     * {@code source}, and {@code pin} for pinned translations.
     */
    public Map<String, String> provenanceModel() {
        Map<String, String> m = new LinkedHashMap<>();
        if (model != null) {
            m.put("name", model.name());
            m.put("weightsSha256", model.weightsSha256());
            m.put("decodeConfig", model.decodeConfig());
        }
        if (promptHash != null) {
            m.put("promptHash", promptHash);
        }
        m.put("source", source == null ? "none" : source.label());
        if (pinId != null) {
            m.put("pin", pinId);
        }
        return m;
    }
}
