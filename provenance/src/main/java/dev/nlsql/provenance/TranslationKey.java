package dev.nlsql.provenance;

import java.util.List;

/**
 * What a cached translation is valid for: the schema (hash), the normalised question (with
 * placeholders), the model identity (e.g. weights SHA-256) and the decode settings (e.g.
 * {@code greedy,max_tokens=256}). Any change gives a different key.
 */
public record TranslationKey(String schemaHash, String question, String model, String decodeSettings) {

    public TranslationKey {
        if (schemaHash == null || question == null || model == null || decodeSettings == null) {
            throw new IllegalArgumentException("every part of a translation key is required");
        }
    }

    /** Lower-case hex SHA-256 of the canonical JSON of the four parts: the cache's primary key. */
    public String hash() {
        return Hashes.sha256Hex(CanonicalJson.write(List.of(schemaHash, question, model, decodeSettings)));
    }
}
