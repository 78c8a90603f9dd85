package dev.nlsql.cli.model;

import dev.nlsql.model.TranslationException;
import dev.nlsql.model.Translator;
import picocli.CommandLine.Mixin;

/**
 * The translator a command runs: a remote OpenAI-compatible endpoint when {@code --url} is given
 * ({@link RemoteModelOptions}), else the project's own model ({@link LocalModelOptions}).
 */
public final class ModelOptions {

    @Mixin
    RemoteModelOptions remote;

    @Mixin
    LocalModelOptions local;

    /**
     * Opens the chosen translator; the caller closes it.
     *
     * @throws TranslationException when the local weights are missing or broken
     * @throws IllegalArgumentException for a malformed URL, {@code --beam} below 1 or another bad option
     */
    Translator open() throws TranslationException {
        return remote.remote() ? remote.client() : local.open();
    }
}
