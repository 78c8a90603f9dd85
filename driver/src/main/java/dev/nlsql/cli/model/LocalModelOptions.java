package dev.nlsql.cli.model;

import dev.nlsql.model.DjlTranslator;
import dev.nlsql.model.TranslationException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that choose the project's own model: the shipped weights or a trained file. */
public final class LocalModelOptions {

    @Option(names = "--weights", description = "model weights written by 'model train' (model.bin); "
            + "default: the weights shipped on the class path")
    Path weights;

    @Option(names = "--beam", description = "beam width of the constrained decoder, 1 = greedy (default: ${DEFAULT-VALUE})",
            defaultValue = "4")
    int beam;

    /**
     * Loads the local model (DJL, PyTorch engine; a GPU when the engine sees one).
     *
     * @throws TranslationException when the weights are missing or broken
     */
    DjlTranslator open() throws TranslationException {
        if (beam < 1) {
            throw new IllegalArgumentException("--beam must be at least 1: " + beam);
        }
        return weights != null ? DjlTranslator.fromFile(weights, beam) : DjlTranslator.fromClasspath(beam);
    }
}
