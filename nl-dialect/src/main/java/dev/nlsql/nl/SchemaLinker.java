package dev.nlsql.nl;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.provenance.SchemaSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Schema linking: picks the tables and columns a question needs, plus the foreign-key join
 * paths between them, so a large schema fits the model's input.
 *
 * <p>Scoring (lexical, after IRNet/RAT-SQL-style name matching): question words are stemmed
 * and mapped through a few synonyms; a table scores 3 per matched word of its name (2 more
 * when every word matches), 1 per column whose name words all occur in the question, and 4
 * when value linking found a question value in one of its columns. Views score half and need
 * their whole name (or two of its words) in the question. The best {@code maxTables} tables with
 * a positive score are kept (all tables, up to that number, when nothing matches); then, for
 * each kept table in rank order, the shortest undirected foreign-key path to the tables already
 * kept is added (breadth-first search), so every kept table can be joined; what is left of the
 * budget goes to base tables one foreign key away from those kept. Each table shows all its columns when it has at
 * most {@code maxColumns}, else its key columns, matched columns and the first others up to
 * that number. Thread-safe and immutable.
 */
public final class SchemaLinker {

    private final SchemaSnapshot snapshot;
    private final int maxTables;
    private final int maxColumns;
    private final Map<String, SchemaSnapshot.Table> byKey = new LinkedHashMap<>();
    private final Map<String, Set<String>> graph = new HashMap<>();
    /** Name words of each table (by key) and, per column name, its words without {@code id}. */
    private final Map<String, List<String>> tableTokens = new HashMap<>();
    private final Map<String, List<String>> columnTokens = new HashMap<>();

    /**
     * @param snapshot the whole schema
     * @param maxTables most tables chosen by score (join-path tables come on top), at least 1
     * @param maxColumns most columns shown per table, at least 1
     */
    public SchemaLinker(SchemaSnapshot snapshot, int maxTables, int maxColumns) {
        this.snapshot = snapshot;
        this.maxTables = Math.max(1, maxTables);
        this.maxColumns = Math.max(1, maxColumns);
        for (SchemaSnapshot.Table t : snapshot.tables()) {
            byKey.putIfAbsent(SqlNames.key(t.name()), t);
        }
        for (SchemaSnapshot.Table t : snapshot.tables()) {
            tableTokens.putIfAbsent(SqlNames.key(t.name()), NameTokens.tokens(t.name()));
            for (SchemaSnapshot.Column c : t.columns()) {
                columnTokens.computeIfAbsent(c.name(),
                        n -> NameTokens.tokens(n).stream().filter(w -> !w.equals("id")).toList());
            }
            for (SchemaSnapshot.ForeignKey fk : t.foreignKeys()) {
                String a = SqlNames.key(t.name());
                String b = SqlNames.key(fk.refTable());
                if (byKey.containsKey(b) && !a.equals(b)) {
                    graph.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(b);
                    graph.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(a);
                }
            }
        }
    }

    /**
     * Links one question.
     *
     * @param maskedQuestion the question with values replaced by placeholders
     * @param valueColumns {@code table.column} names value linking found for the question's values
     * @return the part of the schema the model sees, most relevant table first
     */
    public SchemaContext link(String maskedQuestion, Collection<String> valueColumns) {
        Set<String> q = new HashSet<>(NameTokens.questionTokens(maskedQuestion));
        Map<String, Set<String>> hinted = new HashMap<>();
        for (String tc : valueColumns) {
            int dot = tc.lastIndexOf('.');
            if (dot > 0) {
                hinted.computeIfAbsent(SqlNames.key(tc.substring(0, dot)), k -> new HashSet<>())
                        .add(SqlNames.key(tc.substring(dot + 1)));
            }
        }
        Map<String, Double> score = new HashMap<>();
        for (Map.Entry<String, SchemaSnapshot.Table> e : byKey.entrySet()) {
            SchemaSnapshot.Table t = e.getValue();
            List<String> nameTokens = tableTokens.get(e.getKey());
            long matched = nameTokens.stream().filter(q::contains).count();
            double s = 3.0 * matched + (matched > 0 && matched == nameTokens.size() ? 2 : 0);
            for (SchemaSnapshot.Column c : t.columns()) {
                if (columnMatches(c, q)) {
                    s += 1;
                }
            }
            if (hinted.containsKey(e.getKey())) {
                s += 4;
            }
            boolean view = "VIEW".equalsIgnoreCase(t.type());
            if (view) {
                // a view stands in for a join the model can write itself: only one the question names
                s = matched == nameTokens.size() || matched >= 2 ? s / 2 : 0;
            }
            if (s > 0) {
                score.put(e.getKey(), s);
            }
        }
        List<String> ranked = new ArrayList<>(score.keySet());
        ranked.sort(Comparator.comparingDouble((String k) -> -score.get(k)).thenComparing(k -> k));
        List<String> chosen = new ArrayList<>(ranked.subList(0, Math.min(maxTables, ranked.size())));
        if (chosen.isEmpty()) {
            for (String k : byKey.keySet()) {
                if (chosen.size() < maxTables && !"VIEW".equalsIgnoreCase(byKey.get(k).type())) {
                    chosen.add(k);
                }
            }
        }
        List<String> result = fill(connect(chosen), score);
        List<SchemaContext.Table> tables = new ArrayList<>();
        for (String k : result) {
            tables.add(columnsOf(byKey.get(k), q, hinted.getOrDefault(k, Set.of())));
        }
        return new SchemaContext(tables, foreignKeys(new HashSet<>(result), tables));
    }

    private boolean columnMatches(SchemaSnapshot.Column c, Set<String> q) {
        List<String> toks = columnTokens.get(c.name());
        return toks != null && !toks.isEmpty() && q.containsAll(toks);
    }

    /** Adds the shortest join path from each table (in rank order) to those before it. */
    private List<String> connect(List<String> chosen) {
        List<String> out = new ArrayList<>();
        for (String t : chosen) {
            if (out.isEmpty()) {
                out.add(t);
                continue;
            }
            if (out.contains(t)) {
                continue;
            }
            List<String> path = shortestPath(t, new HashSet<>(out));
            if (path != null) {
                for (String p : path) {
                    if (!out.contains(p)) {
                        out.add(p);
                    }
                }
            } else {
                out.add(t);
            }
        }
        // place the chosen tables first, bridging tables after them, keeping rank order
        List<String> ordered = new ArrayList<>();
        for (String t : chosen) {
            if (out.contains(t) && !ordered.contains(t)) {
                ordered.add(t);
            }
        }
        for (String t : out) {
            if (!ordered.contains(t)) {
                ordered.add(t);
            }
        }
        return ordered;
    }

    /**
     * Spends what is left of the table budget on base tables one foreign key away from those
     * chosen (best score first, then name), so the tables a question implies without naming them
     * (the order lines behind "revenue") are there.
     */
    private List<String> fill(List<String> chosen, Map<String, Double> score) {
        List<String> out = new ArrayList<>(chosen);
        if (out.size() >= maxTables) {
            return out;
        }
        List<String> ring = new ArrayList<>();
        for (String t : chosen) {
            for (String nb : graph.getOrDefault(t, Set.of())) {
                if (!out.contains(nb) && !ring.contains(nb) && !"VIEW".equalsIgnoreCase(byKey.get(nb).type())) {
                    ring.add(nb);
                }
            }
        }
        ring.sort(Comparator.comparingDouble((String k) -> -score.getOrDefault(k, 0.0)).thenComparing(k -> k));
        for (String t : ring) {
            if (out.size() >= maxTables) {
                break;
            }
            out.add(t);
        }
        return out;
    }

    private List<String> shortestPath(String from, Set<String> targets) {
        Map<String, String> prev = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(from);
        prev.put(from, null);
        while (!queue.isEmpty()) {
            String cur = queue.poll();
            if (targets.contains(cur)) {
                List<String> path = new ArrayList<>();
                for (String p = cur; p != null; p = prev.get(p)) {
                    path.add(0, p);
                }
                return path;
            }
            for (String nxt : graph.getOrDefault(cur, Set.of())) {
                if (!prev.containsKey(nxt)) {
                    prev.put(nxt, cur);
                    queue.add(nxt);
                }
            }
        }
        return null;
    }

    private SchemaContext.Table columnsOf(SchemaSnapshot.Table t, Set<String> q, Set<String> hintedColumns) {
        Set<String> pk = new HashSet<>();
        for (String p : t.primaryKey()) {
            pk.add(SqlNames.key(p));
        }
        Set<String> keep = new LinkedHashSet<>();
        if (t.columns().size() <= maxColumns) {
            for (SchemaSnapshot.Column c : t.columns()) {
                keep.add(SqlNames.key(c.name()));
            }
        } else {
            keep.addAll(pk);
            for (SchemaSnapshot.ForeignKey fk : t.foreignKeys()) {
                for (String c : fk.columns()) {
                    keep.add(SqlNames.key(c));
                }
            }
            keep.addAll(hintedColumns);
            for (SchemaSnapshot.Column c : t.columns()) {
                if (columnMatches(c, q)) {
                    keep.add(SqlNames.key(c.name()));
                }
            }
            for (SchemaSnapshot.Column c : t.columns()) {
                if (keep.size() >= maxColumns) {
                    break;
                }
                keep.add(SqlNames.key(c.name()));
            }
        }
        List<SchemaContext.Column> cols = new ArrayList<>();
        for (SchemaSnapshot.Column c : t.columns()) {
            String k = SqlNames.key(c.name());
            if (keep.contains(k)) {
                cols.add(new SchemaContext.Column(c.name(), baseType(c.typeName()), pk.contains(k)));
            }
        }
        return new SchemaContext.Table(t.name(), cols);
    }

    private static String baseType(String typeName) {
        if (typeName == null) {
            return "";
        }
        int paren = typeName.indexOf('(');
        return (paren > 0 ? typeName.substring(0, paren) : typeName).trim().toUpperCase(Locale.ROOT);
    }

    private List<SchemaContext.ForeignKey> foreignKeys(Set<String> chosen, List<SchemaContext.Table> tables) {
        List<SchemaContext.ForeignKey> out = new ArrayList<>();
        for (SchemaContext.Table ct : tables) {
            SchemaSnapshot.Table t = byKey.get(SqlNames.key(ct.name()));
            for (SchemaSnapshot.ForeignKey fk : t.foreignKeys()) {
                SchemaSnapshot.Table ref = byKey.get(SqlNames.key(fk.refTable()));
                if (ref == null || !chosen.contains(SqlNames.key(ref.name()))) {
                    continue;
                }
                for (int i = 0; i < fk.columns().size() && i < fk.refColumns().size(); i++) {
                    out.add(new SchemaContext.ForeignKey(t.name(), fk.columns().get(i), ref.name(), fk.refColumns().get(i)));
                }
            }
        }
        return out;
    }

    /** The snapshot this linker reads. */
    public SchemaSnapshot snapshot() {
        return snapshot;
    }
}
