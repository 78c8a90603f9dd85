package dev.nlsql.nl;

import dev.nlsql.provenance.SqlPack;
import dev.nlsql.provenance.Translation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The persistent translation cache: entries live in the provenance store
 * ({@link dev.nlsql.provenance.TranslationCache}), so a translation generated once is replayed
 * after restarts and by every driver sharing the store. The store's key is (schema hash,
 * normalised masked question, {@code modelName@weightsSha256}, {@code dialect=<d>;<decodeConfig>}).
 * Entries read back are validated again before use (the store may have been edited). A store
 * error behaves as a miss (get) or is ignored (put): the cache is an accelerator, not a source
 * of truth. Thread-safe when the store is.
 */
public final class StoreTranslationCache implements TranslationCache {

    private final dev.nlsql.provenance.TranslationCache store;

    public StoreTranslationCache(dev.nlsql.provenance.TranslationCache store) {
        this.store = store;
    }

    static dev.nlsql.provenance.TranslationKey storeKey(TranslationKey k) {
        return new dev.nlsql.provenance.TranslationKey(k.schemaHash(), k.question(),
                k.modelName() + "@" + k.weightsSha256(), "dialect=" + k.dialect() + ";" + k.decodeConfig());
    }

    @Override
    public Optional<CachedTranslation> get(TranslationKey key) {
        try {
            Optional<Translation> t = store.get(storeKey(key));
            if (t.isEmpty()) {
                return Optional.empty();
            }
            String template = fromTranslation(t.get());
            if (template == null) {
                return Optional.empty();
            }
            return Optional.of(new CachedTranslation(template, null, List.of(), t.get().metadata().get("promptHash")));
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(TranslationKey key, CachedTranslation translation) {
        if (translation.sql() == null) {
            return;
        }
        List<SqlPack.Parameter> params = new ArrayList<>();
        for (String name : translation.placeholderOrder()) {
            params.add(new SqlPack.Parameter(params.size() + 1, name, null, null));
        }
        Map<String, String> meta = translation.promptHash() == null ? Map.of()
                : Map.of("promptHash", translation.promptHash());
        try {
            store.put(storeKey(key), Translation.cached(translation.sql(), params, meta));
        } catch (SQLException | RuntimeException e) {
            // a cache that cannot write only costs a later model call
        }
    }

    /** The template SQL of a stored translation (its markers named back), or null when inconsistent. */
    static String fromTranslation(Translation t) {
        List<String> names = new ArrayList<>();
        for (SqlPack.Parameter p : t.parameters()) {
            names.add(p.name());
        }
        return MarkerTemplates.toTemplate(t.sql(), names);
    }
}
