package dev.nlsql.model;

/**
 * What provenance records about the model behind a translation.
 *
 * @param name model name and version, e.g. {@code nlsql-seq2seq-v1}
 * @param weightsSha256 lower-case hex SHA-256 of the weights file (or of the remote model's
 *     declared name where no weights are local)
 * @param decodeConfig decode settings, e.g. {@code beam=4,maxLen=160,constrained=true}
 */
public record ModelIdentity(String name, String weightsSha256, String decodeConfig) {

    /** {@code name@sha256-prefix[decodeConfig]}: short form for logs and EXPLAIN ASK. */
    public String shortForm() {
        String sha = weightsSha256 == null ? "" : weightsSha256.substring(0, Math.min(12, weightsSha256.length()));
        return name + "@" + sha + "[" + decodeConfig + "]";
    }
}
