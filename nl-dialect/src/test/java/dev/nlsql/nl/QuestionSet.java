package dev.nlsql.nl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A question set with gold SQL, read from {@code /questions/<name>.json} on the test class path.
 *
 * @param database short name
 * @param path database file relative to the shared data folder
 * @param questions the questions
 */
record QuestionSet(String database, String path, String note, List<Item> questions) {

    /** One question: id, text as a user types it, gold SQL (SQLite, literal values), whether order matters. */
    record Item(String id, String question, String sql, boolean ordered) {}

    static final List<String> NAMES = List.of("chinook", "northwind");

    static QuestionSet load(String name) {
        try (InputStream in = QuestionSet.class.getResourceAsStream("/questions/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no question set " + name);
            }
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, QuestionSet.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
