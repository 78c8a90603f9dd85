package dev.nlsql.cli.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads defog sql-eval's question CSV files ({@code questions_gen_sqlite.csv} and the like). */
public final class DefogQuestions {

    private DefogQuestions() {}

    /**
     * One question.
     *
     * @param db database name
     * @param category sql-eval's query category ({@code group_by}, {@code date_functions}, ...)
     * @param question the question
     * @param goldAlternatives the gold queries, any of which is a correct answer (the file separates
     *     them with {@code ;})
     */
    public record Question(String db, String category, String question, List<String> goldAlternatives) {}

    /**
     * Parses the file (RFC 4180: quoted fields may hold commas, doubled quotes and newlines).
     *
     * @throws IOException when the file cannot be read or lacks the {@code db_name}, {@code query}
     *     or {@code question} column
     */
    public static List<Question> load(Path csv) throws IOException {
        List<List<String>> rows = parse(Files.readString(csv));
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < rows.get(0).size(); i++) {
            col.put(rows.get(0).get(i).strip(), i);
        }
        for (String need : List.of("db_name", "query", "question")) {
            if (!col.containsKey(need)) {
                throw new IOException("no '" + need + "' column in " + csv);
            }
        }
        List<Question> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            if (r.size() < col.size()) {
                continue;
            }
            List<String> gold = new ArrayList<>();
            for (String g : r.get(col.get("query")).split(";")) {
                if (!g.isBlank()) {
                    gold.add(g.strip());
                }
            }
            out.add(new Question(r.get(col.get("db_name")), col.containsKey("query_category")
                    ? r.get(col.get("query_category")) : "", r.get(col.get("question")), gold));
        }
        return out;
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
