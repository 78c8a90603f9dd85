package dev.nlsql.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A small validator for the subset of JSON Schema (draft 2020-12) that nlsql's published schemas
 * use: {@code type} (one or a list), {@code const}, {@code enum}, {@code required},
 * {@code properties}, {@code additionalProperties: false}, {@code items}, {@code pattern},
 * {@code minLength}, {@code maxLength}, {@code minimum}, {@code format: date-time}
 * (RFC 3339 via {@link OffsetDateTime#parse}), and local {@code $ref}s ({@code #/$defs/...}).
 * Any other keyword in a schema is an error at construction, so the subset cannot silently
 * ignore a rule. Thread-safe.
 */
public final class JsonSchemaValidator {
    private static final java.util.Set<String> KNOWN = java.util.Set.of("$schema", "$id", "$defs", "title",
            "description", "type", "const", "enum", "required", "properties", "additionalProperties", "items",
            "pattern", "minLength", "maxLength", "minimum", "format", "$ref");

    private final JsonNode root;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /**
     * @param schema the schema document
     * @throws IllegalArgumentException when it uses a keyword outside the subset
     */
    public JsonSchemaValidator(JsonNode schema) {
        this.root = schema;
        checkKeywords(schema, "#");
    }

    private static void checkKeywords(JsonNode s, String at) {
        if (!s.isObject()) {
            return;
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KNOWN.contains(k)) {
                throw new IllegalArgumentException("unsupported JSON Schema keyword " + k + " at " + at);
            }
        }
        s.path("$defs").fields().forEachRemaining(e -> checkKeywords(e.getValue(), at + "/$defs/" + e.getKey()));
        s.path("properties").fields().forEachRemaining(e -> checkKeywords(e.getValue(), at + "/properties/" + e.getKey()));
        if (s.has("items")) {
            checkKeywords(s.get("items"), at + "/items");
        }
    }

    /** Every violation of the schema by {@code doc}, as "JSON pointer: message"; empty if valid. */
    public List<String> validate(JsonNode doc) {
        List<String> errors = new ArrayList<>();
        check(root, doc, "", errors);
        return errors;
    }

    private void check(JsonNode s, JsonNode v, String at, List<String> errors) {
        String where = at.isEmpty() ? "/" : at;
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $ref supported: " + ref);
            }
            check(root.at(ref.substring(1)), v, at, errors);
        }
        if (s.has("type") && !typeMatches(s.get("type"), v)) {
            errors.add(where + ": expected " + s.get("type") + ", got " + kind(v));
            return;
        }
        if (s.has("const") && !s.get("const").equals(v)) {
            errors.add(where + ": must be " + s.get("const"));
        }
        if (s.has("enum")) {
            boolean any = false;
            for (JsonNode e : s.get("enum")) {
                any |= e.equals(v);
            }
            if (!any) {
                errors.add(where + ": must be one of " + s.get("enum"));
            }
        }
        if (v.isTextual()) {
            String t = v.asText();
            int len = t.codePointCount(0, t.length());
            if (s.has("minLength") && len < s.get("minLength").asInt()) {
                errors.add(where + ": shorter than " + s.get("minLength").asInt() + " characters");
            }
            if (s.has("maxLength") && len > s.get("maxLength").asInt()) {
                errors.add(where + ": longer than " + s.get("maxLength").asInt() + " characters");
            }
            if (s.has("pattern")) {
                Pattern p = patterns.computeIfAbsent(s.get("pattern").asText(), Pattern::compile);
                if (!p.matcher(t).find()) {
                    errors.add(where + ": does not match " + p.pattern());
                }
            }
            if ("date-time".equals(s.path("format").asText())) {
                try {
                    OffsetDateTime.parse(t);
                } catch (DateTimeParseException e) {
                    errors.add(where + ": not an RFC 3339 date-time");
                }
            }
        }
        if (v.isNumber() && s.has("minimum") && v.decimalValue().compareTo(s.get("minimum").decimalValue()) < 0) {
            errors.add(where + ": less than " + s.get("minimum"));
        }
        if (v.isObject()) {
            for (JsonNode r : s.path("required")) {
                if (!v.has(r.asText())) {
                    errors.add(where + ": missing required property " + r.asText());
                }
            }
            JsonNode props = s.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (props.has(e.getKey())) {
                    check(props.get(e.getKey()), e.getValue(), child, errors);
                } else if (s.has("additionalProperties") && !s.get("additionalProperties").asBoolean(true)) {
                    errors.add(where + ": unknown property " + e.getKey());
                }
            }
        }
        if (v.isArray() && s.has("items")) {
            for (int i = 0; i < v.size(); i++) {
                check(s.get("items"), v.get(i), at + "/" + i, errors);
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode v) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, v)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> throw new IllegalArgumentException("unknown JSON Schema type " + type.asText());
        };
    }

    private static String kind(JsonNode v) {
        return v.isObject() ? "object" : v.isArray() ? "array" : v.isTextual() ? "string"
                : v.isNumber() ? "number" : v.isBoolean() ? "boolean" : "null";
    }
}
