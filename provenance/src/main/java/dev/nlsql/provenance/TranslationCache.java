package dev.nlsql.provenance;

import java.sql.SQLException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Translation cache and pinned translations, kept in the provenance store ("generate once,
 * replay forever"). The NL dialect calls {@link #lookup} before the model and {@link #put} after
 * it. Thread-safe.
 */
public interface TranslationCache {

    /**
     * A pinned translation for (schema hash, question) if one was imported, else a cached one
     * for the full key.
     */
    default Optional<Translation> lookup(TranslationKey key) throws SQLException {
        Optional<Translation> p = pinned(key.schemaHash(), key.question());
        return p.isPresent() ? p : get(key);
    }

    /** The pinned translation of {@code question} (normalised here) for {@code schemaHash}. */
    Optional<Translation> pinned(String schemaHash, String question) throws SQLException;

    /** The cached translation for exactly {@code key}. */
    Optional<Translation> get(TranslationKey key) throws SQLException;

    /** Stores (or replaces) the translation for {@code key}. */
    void put(TranslationKey key, Translation translation) throws SQLException;

    /**
     * Pins every query of {@code pack} (already validated), replacing earlier pins of the same
     * (schema hash, question).
     *
     * @return queries pinned
     */
    int pin(SqlPack pack) throws SQLException;

    /**
     * The pinned translations of {@code schemaHash} as a pack (queries sorted by id).
     *
     * @param dialect written to the pack; null keeps the dialect they were imported with
     */
    SqlPack exportPinned(String schemaHash, String name, String dialect) throws SQLException;

    /**
     * The default question normalisation for pinned lookups: Unicode NFKC, lower case (ROOT),
     * runs of white space to one space, trimmed, trailing {@code ?}, {@code .} and {@code !}
     * removed. Placeholders such as {@code __NUM_1__} are unaffected (already lower-case-safe:
     * compared case-insensitively as a whole question).
     */
    static String normalise(String question) {
        String s = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = s.replaceAll("\\s+", " ").trim();
        return s.replaceAll("[?.!\\s]+$", "");
    }
}
