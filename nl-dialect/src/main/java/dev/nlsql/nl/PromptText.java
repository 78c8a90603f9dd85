package dev.nlsql.nl;

import dev.nlsql.model.TranslationRequest;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of a model input, and its hash. Everything the translator receives is in
 * it: dialect, linked schema (compact form), masked question, placeholder kinds (sorted by
 * name), candidate count, and the value-linking hints the candidates are ordered by (a line
 * {@code values:} only when there are any, so questions without linked values hash as before):
 * <pre>
 * dialect: sqlite
 * schema:
 * Album(AlbumId* INTEGER, Title NVARCHAR, ArtistId INTEGER)
 * ...
 * question: albums by __STR_1__
 * placeholders: __STR_1__=STR
 * candidates: 4
 * values: __STR_1__=Artist.Name
 * </pre>
 * The prompt hash recorded in provenance is the lower-case hex SHA-256 of this text (UTF-8).
 */
public final class PromptText {

    private PromptText() {}

    /** The canonical text of {@code request}. */
    public static String of(TranslationRequest request) {
        StringBuilder sb = new StringBuilder();
        sb.append("dialect: ").append(request.dialect()).append('\n');
        sb.append("schema:\n").append(request.schema().toCompactText());
        sb.append("question: ").append(request.question()).append('\n');
        sb.append("placeholders:");
        Map<String, String> sorted = new TreeMap<>(request.placeholders());
        sorted.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        sb.append('\n');
        sb.append("candidates: ").append(request.maxCandidates()).append('\n');
        if (!request.valueColumns().isEmpty()) {
            sb.append("values:");
            new TreeMap<>(request.valueColumns()).forEach((k, cols) ->
                    sb.append(' ').append(k).append('=').append(String.join("|", new java.util.TreeSet<>(cols))));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Lower-case hex SHA-256 of {@link #of(TranslationRequest)}. */
    public static String hash(TranslationRequest request) {
        return Hashing.sha256Hex(of(request));
    }
}
