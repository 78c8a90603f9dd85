package dev.nlsql.model.http;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.TranslationRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text prompt sent to an OpenAI-compatible endpoint, in the layout SQLCoder was trained on
 * (defog-ai/sqlcoder's {@code prompt.md}: {@code ### Task}, {@code ### Instructions},
 * {@code ### Database Schema}, {@code ### Answer} ending in {@code [SQL]}), with a
 * {@code ### Placeholders} section listing the value placeholders. {@link #parse} reads the
 * same layout back, which is how {@link TranslatorServer} turns a prompt into a
 * {@link TranslationRequest}.
 */
public final class CompletionPrompt {

    private static final Pattern QUESTION = Pattern.compile("\\[QUESTION\\](.*?)\\[/QUESTION\\]", Pattern.DOTALL);
    private static final Pattern DIALECT = Pattern.compile("The query will run on a (\\S+) database");
    private static final Pattern PLACEHOLDER_LINE = Pattern.compile("(__[A-Z]+_\\d+__) ([A-Z]+)");
    private static final String SCHEMA_INTRO = "database with the following schema:\n";
    private static final String NONE = "(none)";

    private CompletionPrompt() {}

    /**
     * Renders a request as prompt text.
     *
     * @param request the translation request
     * @return the prompt, ending with {@code [SQL]} and a newline, where the completion starts
     */
    public static String render(TranslationRequest request) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Task\n");
        sb.append("Generate a SQL query to answer [QUESTION]").append(request.question()).append("[/QUESTION]\n\n");
        sb.append("### Instructions\n");
        sb.append("- Write exactly one ").append(request.dialect()).append(" SELECT statement and nothing else.\n");
        sb.append("- Use only the tables and columns in the schema below.\n");
        sb.append("- Values are hidden behind placeholders. Write each placeholder bare (no quotes) where its value"
                + " belongs; use every placeholder listed below and no other.\n\n");
        sb.append("### Placeholders\n");
        if (request.placeholders().isEmpty()) {
            sb.append(NONE).append('\n');
        }
        for (String name : request.placeholderNames()) {
            sb.append(name).append(' ').append(request.placeholders().get(name)).append('\n');
        }
        sb.append('\n');
        sb.append("### Database Schema\n");
        sb.append("The query will run on a ").append(request.dialect()).append(' ').append(SCHEMA_INTRO);
        sb.append(request.schema().toCompactText());
        sb.append('\n');
        sb.append("### Answer\n");
        sb.append("Given the database schema, here is the SQL query that answers [QUESTION]")
                .append(request.question()).append("[/QUESTION]\n");
        sb.append("[SQL]\n");
        return sb.toString();
    }

    /**
     * Reads a prompt written by {@link #render} back into a request.
     *
     * @param prompt the prompt text
     * @param maxCandidates candidates wanted (the API's {@code n}), at least 1
     * @return the request
     * @throws IllegalArgumentException when the text is not in this layout
     */
    public static TranslationRequest parse(String prompt, int maxCandidates) {
        Matcher q = QUESTION.matcher(prompt);
        if (!q.find()) {
            throw new IllegalArgumentException("prompt has no [QUESTION]...[/QUESTION] part");
        }
        String question = q.group(1);
        Matcher d = DIALECT.matcher(prompt);
        if (!d.find()) {
            throw new IllegalArgumentException("prompt names no dialect ('The query will run on a <dialect> database')");
        }
        String dialect = d.group(1);
        Map<String, String> placeholders = new LinkedHashMap<>();
        for (String line : section(prompt, "### Placeholders\n")) {
            Matcher m = PLACEHOLDER_LINE.matcher(line);
            if (m.matches()) {
                placeholders.put(m.group(1), m.group(2));
            } else if (!line.equals(NONE)) {
                throw new IllegalArgumentException("bad placeholder line: " + line);
            }
        }
        int schemaStart = prompt.indexOf(SCHEMA_INTRO);
        if (schemaStart < 0) {
            throw new IllegalArgumentException("prompt has no schema section");
        }
        int schemaEnd = prompt.indexOf("\n### ", schemaStart);
        String schemaText = prompt.substring(schemaStart + SCHEMA_INTRO.length(), schemaEnd < 0 ? prompt.length() : schemaEnd);
        return new TranslationRequest(parseSchema(schemaText), question, placeholders, dialect, maxCandidates);
    }

    private static List<String> section(String prompt, String header) {
        int start = prompt.indexOf(header);
        if (start < 0) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String line : prompt.substring(start + header.length()).split("\n", -1)) {
            if (line.isBlank() || line.startsWith("### ")) {
                break;
            }
            lines.add(line.strip());
        }
        return lines;
    }

    /**
     * Parses {@link SchemaContext#toCompactText()} output: {@code Table(col* TYPE, col TYPE)}
     * lines, then {@code A.x -> B.y} foreign-key lines. A column's name runs to its first space
     * ({@code *} marks a primary key); the rest is its type.
     *
     * @throws IllegalArgumentException on a line in neither form
     */
    public static SchemaContext parseSchema(String text) {
        List<SchemaContext.Table> tables = new ArrayList<>();
        List<SchemaContext.ForeignKey> fks = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int open = line.indexOf('(');
            int arrow = line.indexOf(" -> ");
            if (arrow > 0 && (open < 0 || open > arrow)) {
                String from = line.substring(0, arrow);
                String to = line.substring(arrow + 4);
                int fd = from.lastIndexOf('.');
                int td = to.lastIndexOf('.');
                if (fd <= 0 || td <= 0) {
                    throw new IllegalArgumentException("bad foreign-key line: " + line);
                }
                fks.add(new SchemaContext.ForeignKey(from.substring(0, fd), from.substring(fd + 1),
                        to.substring(0, td), to.substring(td + 1)));
            } else if (open > 0 && line.endsWith(")")) {
                String name = line.substring(0, open);
                List<SchemaContext.Column> cols = new ArrayList<>();
                for (String c : splitTopLevel(line.substring(open + 1, line.length() - 1))) {
                    if (c.isBlank()) {
                        continue;
                    }
                    int sp = c.indexOf(' ');
                    String colName = sp < 0 ? c : c.substring(0, sp);
                    String type = sp < 0 ? "" : c.substring(sp + 1);
                    boolean pk = colName.endsWith("*");
                    cols.add(new SchemaContext.Column(pk ? colName.substring(0, colName.length() - 1) : colName, type, pk));
                }
                tables.add(new SchemaContext.Table(name, cols));
            } else {
                throw new IllegalArgumentException("bad schema line: " + line);
            }
        }
        return new SchemaContext(tables, fks);
    }

    /** Splits on {@code ", "} outside parentheses (types such as {@code DECIMAL(10, 2)}). */
    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }
}
