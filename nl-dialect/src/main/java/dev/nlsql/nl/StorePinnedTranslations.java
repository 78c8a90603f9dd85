package dev.nlsql.nl;

import dev.nlsql.provenance.Translation;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Pinned translations from SQL packs imported into the provenance store
 * ({@link dev.nlsql.provenance.TranslationCache#pinned}). A pack query's {@code ?} markers are
 * named back to their placeholders, so the pin goes through the same validation as a model
 * candidate. A store error behaves as "no pin".
 */
public final class StorePinnedTranslations implements PinnedTranslations {

    private final dev.nlsql.provenance.TranslationCache store;

    public StorePinnedTranslations(dev.nlsql.provenance.TranslationCache store) {
        this.store = store;
    }

    @Override
    public Optional<Pin> find(String schemaHash, String normalisedQuestion) {
        try {
            Optional<Translation> t = store.pinned(schemaHash, normalisedQuestion);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            String template = StoreTranslationCache.fromTranslation(t.get());
            if (template == null) {
                return Optional.empty();
            }
            String id = t.get().queryId() == null ? "pinned" : t.get().queryId();
            return Optional.of(new Pin(id, template));
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
