package dev.nlsql.model.nn;

/**
 * Shape of the pointer transformer.
 *
 * @param dim model width
 * @param layers transformer layers
 * @param heads attention heads ({@code dim % heads == 0})
 * @param ffn feed-forward width
 * @param buckets hashed word-feature buckets
 * @param featuresPerWord hashed features per word (the word plus trigrams)
 * @param maxPrefix longest input (question + schema) in tokens; longer schemas are pruned by linking
 * @param maxSql longest output in canonical SQL tokens (EOS included)
 */
public record ModelConfig(int dim, int layers, int heads, int ffn, int buckets, int featuresPerWord,
        int maxPrefix, int maxSql) {

    /** The configuration of the shipped model. */
    public static ModelConfig standard() {
        return new ModelConfig(128, 3, 4, 512, 4096, 6, 224, 72);
    }

    /** A tiny configuration for smoke tests. */
    public static ModelConfig tiny() {
        return new ModelConfig(32, 1, 2, 64, 512, 4, 320, 72);
    }
}
