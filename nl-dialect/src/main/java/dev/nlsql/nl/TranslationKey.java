package dev.nlsql.nl;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * What makes two translations interchangeable: same schema, same target dialect, same
 * normalised masked question, same model and the same settings for decoding and choosing among
 * its candidates.
 *
 * @param schemaHash SHA-256 of the schema snapshot
 * @param dialect target dialect ({@code sqlite}, {@code sqlserver}...)
 * @param question the masked question, normalised by {@link #normalise(String)}
 * @param modelName model name
 * @param weightsSha256 model weights SHA-256
 * @param decodeConfig every setting that changes the chosen SQL: the model's decode config and
 *     the dialect's selection settings, joined by {@link #decodeSettings(String, String)}
 */
public record TranslationKey(String schemaHash, String dialect, String question, String modelName,
        String weightsSha256, String decodeConfig) {

    public TranslationKey {
        Objects.requireNonNull(schemaHash, "schemaHash");
        Objects.requireNonNull(question, "question");
    }

    /**
     * Normalises a masked question: lower case (placeholders stay upper case), whitespace
     * collapsed, trailing {@code ?}, {@code .}, {@code !} and {@code ;} dropped.
     */
    public static String normalise(String maskedQuestion) {
        String s = maskedQuestion.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        s = s.replaceAll("[\\s?.!;]+$", "");
        Matcher m = Placeholders.TOKEN.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Placeholders.canonical(m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * The key's decode settings: {@code <model decode config>;<dialect selection settings>}, e.g.
     * {@code beam=4,maxLen=160,...;nl:candidates=4,execGuided=true,...}.
     *
     * @param modelDecodeConfig {@link dev.nlsql.model.ModelIdentity#decodeConfig()} (may be null)
     * @param selectionSettings {@link NlOptions#selectionSettings(boolean, boolean)}
     */
    public static String decodeSettings(String modelDecodeConfig, String selectionSettings) {
        return modelDecodeConfig + ";" + selectionSettings;
    }

    /** A single-string form, e.g. for a persistent store's primary key: SHA-256 hex of all fields. */
    public String digest() {
        return Hashing.sha256Hex(String.join("\u0000", schemaHash, String.valueOf(dialect), question,
                String.valueOf(modelName), String.valueOf(weightsSha256), String.valueOf(decodeConfig)));
    }
}
