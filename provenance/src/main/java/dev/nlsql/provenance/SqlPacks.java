package dev.nlsql.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads, validates and writes {@link SqlPack}s. Validation is against the published JSON Schema
 * ({@link #SCHEMA_RESOURCE}) plus what a schema cannot say: query ids unique, parameter indexes
 * 1..n without gaps, the number of {@code ?} markers outside quotes and comments equal to the
 * number of parameters.
 */
public final class SqlPacks {
    /** Class-path resource of the published JSON Schema. */
    public static final String SCHEMA_RESOURCE = "/dev/nlsql/provenance/sql-pack.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonSchemaValidator VALIDATOR = new JsonSchemaValidator(schema());

    private SqlPacks() {}

    /** The published JSON Schema document. */
    public static JsonNode schema() {
        try (InputStream in = SqlPacks.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    /** Every problem with {@code json} as a pack (schema violations, then semantic checks). */
    public static List<String> validate(String json) {
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("/: not JSON: " + e.getOriginalMessage());
        }
        List<String> errors = new ArrayList<>(VALIDATOR.validate(doc));
        if (!errors.isEmpty()) {
            return errors;
        }
        Set<String> ids = new HashSet<>();
        JsonNode qs = doc.get("queries");
        for (int i = 0; i < qs.size(); i++) {
            JsonNode q = qs.get(i);
            String at = "/queries/" + i;
            if (!ids.add(q.get("id").asText())) {
                errors.add(at + "/id: duplicate id " + q.get("id").asText());
            }
            JsonNode ps = q.path("parameters");
            for (int p = 0; p < ps.size(); p++) {
                if (ps.get(p).get("index").asInt() != p + 1) {
                    errors.add(at + "/parameters/" + p + "/index: expected " + (p + 1));
                }
            }
            int markers = countMarkers(q.get("sql").asText());
            if (markers != ps.size()) {
                errors.add(at + "/sql: " + markers + " ? marker(s) but " + ps.size() + " parameter(s)");
            }
        }
        return errors;
    }

    /**
     * Parses and validates a pack.
     *
     * @throws IllegalArgumentException listing every problem when it is not a valid pack
     */
    public static SqlPack read(String json) {
        List<String> errors = validate(json);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid SQL pack (" + errors.size() + " problem(s)):\n  "
                    + String.join("\n  ", errors));
        }
        try {
            return JSON.readValue(json, SqlPack.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid SQL pack: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The pack as indented JSON.
     *
     * @throws IllegalArgumentException when the result would not validate (e.g. a bad hash)
     */
    public static String write(SqlPack pack) {
        String json;
        try {
            json = JSON.writeValueAsString(pack);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        List<String> errors = validate(json);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("pack would not validate: " + String.join("; ", errors));
        }
        return json;
    }

    /** {@code ?} markers outside string literals, quoted identifiers and comments. */
    static int countMarkers(String sql) {
        int n = 0;
        int len = sql.length();
        for (int i = 0; i < len; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < len) {
                    if (sql.charAt(j) == c) {
                        if (j + 1 < len && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                i = j;
            } else if (c == '-' && i + 1 < len && sql.charAt(i + 1) == '-') {
                while (i < len && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < len && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? len : end + 1;
            } else if (c == '?') {
                n++;
            }
        }
        return n;
    }
}
