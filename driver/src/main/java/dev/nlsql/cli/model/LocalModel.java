package dev.nlsql.cli.model;

import dev.nlsql.model.Translator;

/** Opens the project's own model, shipped in the model-runtime jar. */
final class LocalModel {

    private LocalModel() {}

    /**
     * Loads the shipped model.
     *
     * @throws IllegalStateException when this build has no local model
     */
    static Translator open() {
        throw new IllegalStateException("this build has no local model yet; use --url to evaluate or serve a remote one");
    }
}
