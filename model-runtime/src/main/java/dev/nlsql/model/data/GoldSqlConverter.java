package dev.nlsql.model.data;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.sql.CanonicalGrammar;
import dev.nlsql.model.sql.Keywords;
import dev.nlsql.model.sql.SqlToken;
import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import dev.nlsql.model.vault.Slot;
import dev.nlsql.model.vault.SlotKind;
import dev.nlsql.model.vault.ValueIndex;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a (question, gold SQL) pair in Spider's SQL style into an {@link Example}: the question
 * is masked by the {@link IdVault} exactly as at run time, with the gold query's string literals
 * playing the part of the database values a {@link ValueIndex} would know; literals of the gold
 * query that the question contains become the same placeholders there; table aliases are
 * resolved so that every column is a pointer to its table's column. Pairs the canonical form
 * cannot express (self-joins, column aliases, functions other than aggregates, values absent from
 * the question, placeholders the query does not use) are rejected with a reason.
 */
public final class GoldSqlConverter {

    /** Result: an example or the reason it was rejected. */
    public record Result(Example example, String rejection) {}

    private static final Pattern LEX = Pattern.compile(
            "\\s+|('(?:[^']|'')*')|(\"[^\"]*\")|(\\d+(?:\\.\\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|`([^`]+)`|(>=|<=|!=|<>|=|<|>|\\(|\\)|,|\\.|\\*|\\+|-|/|;)");

    private record Lex(char kind, String text) {}

    private static final Set<String> CLAUSE_END = Set.of("where", "group", "order", "limit", "having",
            "intersect", "union", "except", ")");
    private static final Set<String> SIMPLE_KW = Set.of("select", "distinct", "from", "join", "on", "where",
            "having", "asc", "desc", "limit", "and", "or", "not", "in", "like", "between", "is", "null",
            "intersect", "union", "except", "count", "sum", "avg", "min", "max");

    private GoldSqlConverter() {}

    /**
     * Converts one pair.
     *
     * @param dbId database id
     * @param schema its schema
     * @param question the raw question
     * @param sql the gold SQL
     * @return the example, or a rejection reason
     */
    public static Result convert(String dbId, SchemaContext schema, String question, String sql) {
        List<Lex> lex = lex(sql);
        if (lex == null) {
            return new Result(null, "lex");
        }
        List<String> strings = new ArrayList<>();
        for (Lex l : lex) {
            if (l.kind() == 's') {
                String core = l.text().replace("%", "").trim();
                if (!core.isEmpty()) {
                    strings.add(core);
                }
            }
        }
        MaskedQuestion masked = IdVault.mask(question, List.of(),
                strings.isEmpty() ? null : ValueIndex.of(Map.of("gold", strings)));
        try {
            List<SqlToken> out = new Converter(schema, lex, masked).run();
            LinkedHashMap<String, String> kinds = new LinkedHashMap<>(masked.placeholderKinds());
            if (!CanonicalGrammar.isValid(out, kinds.keySet())) {
                Set<String> used = new HashSet<>();
                out.stream().filter(t -> t.type() == SqlToken.Type.PH).forEach(t -> used.add(t.placeholder()));
                return new Result(null, used.containsAll(kinds.keySet()) ? "grammar" : "unused-placeholder");
            }
            return new Result(new Example(dbId, schema, masked.text(), kinds, out, "spider"), null);
        } catch (Reject r) {
            return new Result(null, r.getMessage());
        }
    }

    private static List<Lex> lex(String sql) {
        List<Lex> out = new ArrayList<>();
        Matcher m = LEX.matcher(sql);
        int pos = 0;
        while (pos < sql.length()) {
            if (!m.find(pos) || m.start() != pos) {
                return null;
            }
            pos = m.end();
            if (m.group(1) != null) {
                String s = m.group(1);
                out.add(new Lex('s', s.substring(1, s.length() - 1).replace("''", "'")));
            } else if (m.group(2) != null) {
                String s = m.group(2);
                out.add(new Lex('s', s.substring(1, s.length() - 1)));
            } else if (m.group(3) != null) {
                out.add(new Lex('n', m.group(3)));
            } else if (m.group(4) != null) {
                out.add(new Lex('w', m.group(4)));
            } else if (m.group(5) != null) {
                out.add(new Lex('w', m.group(5)));
            } else if (m.group(6) != null) {
                if (!m.group(6).equals(";")) {
                    out.add(new Lex('o', m.group(6).equals("<>") ? "!=" : m.group(6)));
                }
            }
        }
        return out;
    }

    private static final class Reject extends RuntimeException {
        Reject(String why) {
            super(why, null, false, false);
        }
    }

    private static final class Scope {
        final Scope parent;
        final Map<String, Integer> aliases = new HashMap<>();
        final List<Integer> tables = new ArrayList<>();

        Scope(Scope parent) {
            this.parent = parent;
        }
    }

    private static final class Converter {
        final SchemaContext schema;
        final List<Lex> in;
        final MaskedQuestion masked;
        final List<SqlToken> out = new ArrayList<>();
        final Map<Integer, Scope> scopeAt = new HashMap<>();
        int i;

        Converter(SchemaContext schema, List<Lex> in, MaskedQuestion masked) {
            this.schema = schema;
            this.in = in;
            this.masked = masked;
        }

        String w(int k) {
            return k < in.size() && in.get(k).kind() == 'w' ? in.get(k).text().toLowerCase(Locale.ROOT) : null;
        }

        boolean op(int k, String o) {
            return k < in.size() && in.get(k).kind() == 'o' && in.get(k).text().equals(o);
        }

        int tableIndex(String name) {
            for (int t = 0; t < schema.tables().size(); t++) {
                if (schema.tables().get(t).name().equalsIgnoreCase(name)) {
                    return t;
                }
            }
            return -1;
        }

        int columnIndex(int t, String name) {
            List<SchemaContext.Column> cols = schema.tables().get(t).columns();
            for (int c = 0; c < cols.size(); c++) {
                if (cols.get(c).name().equalsIgnoreCase(name)) {
                    return c;
                }
            }
            return -1;
        }

        /** First pass: scopes, aliases and table sets per SELECT. */
        void scan() {
            List<Scope> saved = new ArrayList<>();
            List<Boolean> subquery = new ArrayList<>();
            Scope current = null;
            for (int k = 0; k < in.size(); k++) {
                if (op(k, "(")) {
                    subquery.add("select".equals(w(k + 1)));
                    saved.add(current);
                } else if (op(k, ")")) {
                    if (subquery.isEmpty()) {
                        throw new Reject("parens");
                    }
                    boolean sub = subquery.remove(subquery.size() - 1);
                    Scope back = saved.remove(saved.size() - 1);
                    if (sub) {
                        current = back;
                    }
                } else if ("select".equals(w(k))) {
                    Scope parent = k > 0 && op(k - 1, "(") ? current : current == null ? null : current.parent;
                    current = new Scope(parent);
                } else if ("from".equals(w(k)) || "join".equals(w(k)) || (op(k, ",") && inFrom(k))) {
                    String name = w(k + 1);
                    if (name == null) {
                        throw new Reject(op(k + 1, "(") ? "from-subquery" : "from");
                    }
                    int t = tableIndex(in.get(k + 1).text());
                    if (t < 0) {
                        throw new Reject("unknown-table");
                    }
                    if (current.tables.contains(t)) {
                        throw new Reject("self-join");
                    }
                    current.tables.add(t);
                    current.aliases.put(name, t);
                    if ("as".equals(w(k + 2)) && w(k + 3) != null) {
                        current.aliases.put(w(k + 3), t);
                    } else if (w(k + 2) != null && !SIMPLE_KW.contains(w(k + 2)) && !CLAUSE_END.contains(w(k + 2))
                            && !w(k + 2).equals("inner") && !w(k + 2).equals("left")) {
                        current.aliases.put(w(k + 2), t);
                    }
                }
                scopeAt.put(k, current);
            }
        }

        /** True if the comma at k is in a FROM clause (between FROM and the next clause keyword, same depth). */
        boolean inFrom(int k) {
            int depth = 0;
            for (int j = k - 1; j >= 0; j--) {
                if (op(j, ")")) {
                    depth++;
                } else if (op(j, "(")) {
                    if (depth == 0) {
                        return false;
                    }
                    depth--;
                } else if (depth == 0 && w(j) != null) {
                    String s = w(j);
                    if (s.equals("from")) {
                        return true;
                    }
                    if (s.equals("select") || s.equals("where") || s.equals("group") || s.equals("order") || s.equals("on")) {
                        return false;
                    }
                }
            }
            return false;
        }

        List<SqlToken> run() {
            scan();
            boolean inFromClause = false;
            for (i = 0; i < in.size(); i++) {
                Lex l = in.get(i);
                Scope scope = scopeAt.get(i);
                switch (l.kind()) {
                    case 's' -> string(l.text());
                    case 'n' -> number(l.text());
                    case 'o' -> {
                        String o = l.text();
                        if (o.equals(",") && inFromClause) {
                            out.add(SqlToken.kw("JOIN"));
                            tableRef(scope);
                        } else if (o.equals(".")) {
                            throw new Reject("dot");
                        } else {
                            out.add(SqlToken.kw(o));
                        }
                    }
                    default -> {
                        String s = w(i);
                        if (s.equals("from") || s.equals("join")) {
                            inFromClause = true;
                            out.add(SqlToken.kw(s.toUpperCase(Locale.ROOT)));
                            tableRef(scope);
                        } else if (s.equals("group") || s.equals("order")) {
                            if (!"by".equals(w(i + 1))) {
                                throw new Reject("by");
                            }
                            inFromClause = false;
                            out.add(SqlToken.kw(s.toUpperCase(Locale.ROOT) + "_BY"));
                            i++;
                        } else if (SIMPLE_KW.contains(s)) {
                            if (s.equals("where") || s.equals("select") || s.equals("limit") || s.equals("having")
                                    || s.equals("intersect") || s.equals("union") || s.equals("except")) {
                                inFromClause = false;
                            }
                            if (s.equals("like") && i + 1 < in.size() && in.get(i + 1).kind() == 's') {
                                like(in.get(++i).text());
                            } else {
                                out.add(SqlToken.kw(s.toUpperCase(Locale.ROOT)));
                            }
                        } else if (s.equals("inner")) {
                            continue;
                        } else if (s.equals("as") || s.equals("left") || s.equals("all") || s.equals("case")) {
                            throw new Reject("unsupported-" + s);
                        } else if (op(i + 1, "(")) {
                            throw new Reject("function-" + s);
                        } else {
                            column(scope);
                        }
                    }
                }
            }
            return out;
        }

        /** Emits the table named at i + 1 and skips its alias. */
        void tableRef(Scope scope) {
            int t = tableIndex(in.get(i + 1).text());
            out.add(SqlToken.tab(t));
            i++;
            if ("as".equals(w(i + 1))) {
                i += 2;
            } else if (w(i + 1) != null && scope.aliases.containsKey(w(i + 1))
                    && scope.aliases.get(w(i + 1)) == t && !SIMPLE_KW.contains(w(i + 1))) {
                i++;
            }
        }

        void column(Scope scope) {
            String first = in.get(i).text();
            if (op(i + 1, ".")) {
                if (i + 2 >= in.size() || in.get(i + 2).kind() != 'w') {
                    if (op(i + 2, "*")) {
                        throw new Reject("qualified-star");
                    }
                    throw new Reject("dot");
                }
                String colName = in.get(i + 2).text();
                i += 2;
                for (Scope s = scope; s != null; s = s.parent) {
                    Integer t = s.aliases.get(first.toLowerCase(Locale.ROOT));
                    if (t != null) {
                        int c = columnIndex(t, colName);
                        if (c < 0) {
                            throw new Reject("unknown-column");
                        }
                        out.add(SqlToken.col(t, c));
                        return;
                    }
                }
                throw new Reject("unknown-alias");
            }
            for (Scope s = scope; s != null; s = s.parent) {
                for (int t : s.tables) {
                    int c = columnIndex(t, first);
                    if (c >= 0) {
                        out.add(SqlToken.col(t, c));
                        return;
                    }
                }
            }
            throw new Reject("unknown-column");
        }

        void number(String text) {
            BigDecimal v = new BigDecimal(text);
            Optional<String> ph = find(text, v);
            if (ph.isPresent()) {
                out.add(SqlToken.ph(ph.get()));
                return;
            }
            if (v.scale() <= 0 || v.stripTrailingZeros().scale() <= 0) {
                int n = v.intValue();
                if (v.compareTo(BigDecimal.valueOf(n)) == 0 && n >= 0 && n <= 10) {
                    out.add(SqlToken.kw("N" + n));
                    return;
                }
            }
            throw new Reject("number-not-in-question");
        }

        void string(String text) {
            Optional<String> ph = find(text, null);
            if (ph.isEmpty()) {
                throw new Reject("value-not-in-question");
            }
            out.add(SqlToken.ph(ph.get()));
        }

        void like(String pattern) {
            boolean lead = pattern.startsWith("%");
            boolean trail = pattern.endsWith("%") && pattern.length() > 1;
            String core = pattern.replace("%", "").trim();
            Optional<String> ph = find(core, null);
            if (ph.isEmpty()) {
                throw new Reject("value-not-in-question");
            }
            String kw = lead && trail ? "LIKE_CONTAINS" : lead ? "LIKE_SUFFIX" : trail ? "LIKE_PREFIX" : "LIKE";
            out.add(SqlToken.kw(Keywords.id(kw)));
            out.add(SqlToken.ph(ph.get()));
        }

        /** The placeholder whose value equals the literal (numbers compared numerically, text case-insensitively). */
        Optional<String> find(String text, BigDecimal number) {
            BigDecimal asNumber = number;
            if (asNumber == null && text.matches("-?\\d+(\\.\\d+)?")) {
                asNumber = new BigDecimal(text);
            }
            for (Map.Entry<String, Slot> e : masked.slots().entrySet()) {
                Slot s = e.getValue();
                Object v = s.value();
                if (asNumber != null && v instanceof BigDecimal b && b.compareTo(asNumber) == 0) {
                    return Optional.of(e.getKey());
                }
                if (asNumber != null && v instanceof Long l && BigDecimal.valueOf(l).compareTo(asNumber) == 0) {
                    return Optional.of(e.getKey());
                }
                if (s.kind() != SlotKind.NUM && v.toString().equalsIgnoreCase(text.trim())) {
                    return Optional.of(e.getKey());
                }
            }
            return Optional.empty();
        }
    }
}
