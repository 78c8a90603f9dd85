package dev.nlsql.model.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nlsql.model.ModelIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON evaluation report: what was evaluated, with which model, the summary and every
 * question's outcome.
 *
 * @param dataset dataset name, e.g. {@code spider-dev}
 * @param model identity of the translator evaluated
 * @param startedAt ISO-8601 start time
 * @param wallSeconds wall time of the whole run, seconds
 * @param summary aggregate figures
 * @param outcomes one entry per question, in evaluation order
 */
public record EvalReport(
        String dataset, ModelIdentity model, String startedAt, double wallSeconds, EvalSummary summary,
        List<EvalOutcome> outcomes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Writes the report as indented JSON, creating parent directories.
     *
     * @throws IOException when the file cannot be written
     */
    public void write(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        JSON.writeValue(file.toFile(), this);
    }

    /** Reads a report written by {@link #write}. */
    public static EvalReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), EvalReport.class);
    }
}
