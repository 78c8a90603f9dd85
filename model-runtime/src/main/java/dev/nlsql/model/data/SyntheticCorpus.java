package dev.nlsql.model.data;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.nn.Featurizer;
import dev.nlsql.model.nn.Words;
import dev.nlsql.model.sql.CanonicalGrammar;
import dev.nlsql.model.sql.SqlToken;
import dev.nlsql.model.vault.IdVault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A schema-aware templated corpus: SCHEMA / QUESTION / ID_MAP / SQL records generated from schema
 * bundles (here: the Spider train schemas), question templates and SQL templates, with values
 * already replaced by placeholders exactly as the {@link dev.nlsql.model.vault.IdVault} writes them.
 *
 * <p>Diversity knobs, drawn per record: phrasing aliases for each template (verbs, comparison
 * words, superlatives), an optional filter on a text or numeric column, DISTINCT, grouping with
 * counts, HAVING, ordering (ascending/descending, top-k), and joins along foreign keys. Templates:
 * count, list one or two columns, filter by text / number / pattern, aggregate, group-count,
 * arg-max group, order, superlative, top-k, FK join listing, FK join with filter, FK join
 * group-count, and anti-join ({@code NOT IN}). Every record is checked by {@link CanonicalGrammar},
 * and dropped when the vault would mask anything more in its question (schema names with digits).
 */
public final class SyntheticCorpus {

    private static final String[] SHOW = {"List", "Show", "Give me", "Find", "Return", "What are", "Display", "Tell me"};
    private static final String[][] CMP = {
        {">", "greater than", "more than", "above", "over", "larger than", "higher than"},
        {"<", "less than", "below", "under", "smaller than", "lower than", "fewer than"},
        {">=", "at least", "no less than", "greater than or equal to"},
        {"<=", "at most", "no more than", "less than or equal to"},
        {"=", "equal to", "exactly", "of"},
    };
    private static final String[][] AGG = {
        {"AVG", "average", "mean"}, {"MAX", "maximum", "largest", "highest"},
        {"MIN", "minimum", "smallest", "lowest"}, {"SUM", "total", "sum of"},
    };

    private final Random r;
    private final SchemaContext schema;
    private final List<SqlToken> sql = new ArrayList<>();
    private final LinkedHashMap<String, String> ph = new LinkedHashMap<>();

    private SyntheticCorpus(SchemaContext schema, Random r) {
        this.schema = schema;
        this.r = r;
    }

    /**
     * Generates records.
     *
     * @param schemas db_id to schema
     * @param count how many records (spread round-robin over the schemas)
     * @param seed random seed (same seed, same corpus)
     * @return valid records; fewer than {@code count} when templates do not fit some schemas
     */
    public static List<Example> generate(Map<String, SchemaContext> schemas, int count, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        List<Map.Entry<String, SchemaContext>> list = new ArrayList<>(schemas.entrySet());
        if (list.isEmpty()) {
            return out;
        }
        int attempts = 0;
        while (out.size() < count && attempts < count * 4) {
            Map.Entry<String, SchemaContext> e = list.get(attempts % list.size());
            attempts++;
            SyntheticCorpus g = new SyntheticCorpus(e.getValue(), r);
            String q = g.one();
            if (q == null) {
                continue;
            }
            if (!CanonicalGrammar.isValid(g.sql, g.ph.keySet())) {
                continue;
            }
            if (!IdVault.mask(q).text().equals(q)) {
                // a schema name with digits ("line 1") would be masked at run time: not a faithful record
                continue;
            }
            out.add(new Example(e.getKey(), e.getValue(), q, g.ph, List.copyOf(g.sql), "synthetic"));
        }
        return out;
    }

    private <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    private String name(String identifier) {
        return String.join(" ", Words.split(identifier));
    }

    private String tname(int t) {
        return name(schema.tables().get(t).name());
    }

    private String cname(int t, int c) {
        return name(schema.tables().get(t).columns().get(c).name());
    }

    private static String plural(String s) {
        if (s.endsWith("s")) {
            return s;
        }
        if (s.endsWith("y") && s.length() > 2 && "aeiou".indexOf(s.charAt(s.length() - 2)) < 0) {
            return s.substring(0, s.length() - 1) + "ies";
        }
        return s + "s";
    }

    private int column(int t, int typeClass) {
        List<SchemaContext.Column> cols = schema.tables().get(t).columns();
        List<Integer> ok = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            if (typeClass < 0 || Featurizer.typeClass(cols.get(c).type()) == typeClass) {
                ok.add(c);
            }
        }
        return ok.isEmpty() ? -1 : ok.get(r.nextInt(ok.size()));
    }

    private int nonKeyColumn(int t) {
        List<SchemaContext.Column> cols = schema.tables().get(t).columns();
        List<Integer> ok = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            if (!cols.get(c).primaryKey() && !cols.get(c).name().toLowerCase().endsWith("id")) {
                ok.add(c);
            }
        }
        return ok.isEmpty() ? column(t, -1) : ok.get(r.nextInt(ok.size()));
    }

    private void kw(String... k) {
        for (String s : k) {
            sql.add(SqlToken.kw(s));
        }
    }

    private String placeholder(String kind) {
        int n = 1 + (int) ph.values().stream().filter(kind::equals).count();
        String p = "__" + kind + "_" + n + "__";
        ph.put(p, kind);
        return p;
    }

    /** An optional WHERE filter on table t: returns the phrase ("" when none) and appends SQL. */
    private String filter(int t, boolean force) {
        if (!force && r.nextInt(3) != 0) {
            return "";
        }
        if (r.nextBoolean()) {
            int c = column(t, 0);
            if (c < 0) {
                return "";
            }
            kw("WHERE");
            sql.add(SqlToken.col(t, c));
            if (r.nextInt(5) == 0) {
                kw("LIKE_CONTAINS");
                String p = placeholder("STR");
                sql.add(SqlToken.ph(p));
                return " whose " + cname(t, c) + " contains " + p;
            }
            kw("=");
            String p = placeholder("STR");
            sql.add(SqlToken.ph(p));
            return pick(new String[] {" whose " + cname(t, c) + " is " + p, " with " + cname(t, c) + " " + p,
                " where " + cname(t, c) + " is " + p, " that have " + cname(t, c) + " " + p});
        }
        int c = column(t, 1);
        if (c < 0) {
            return "";
        }
        String[] op = pick(CMP);
        kw("WHERE");
        sql.add(SqlToken.col(t, c));
        kw(op[0]);
        String p = placeholder("NUM");
        sql.add(SqlToken.ph(p));
        return pick(new String[] {" whose " + cname(t, c) + " is ", " with " + cname(t, c) + " ", " with a " + cname(t, c) + " "})
                + op[1 + r.nextInt(op.length - 1)] + " " + p;
    }

    private String one() {
        int nt = schema.tables().size();
        int t = r.nextInt(nt);
        if (schema.tables().get(t).columns().isEmpty()) {
            return null;
        }
        String T = tname(t);
        String Ts = plural(T);
        switch (r.nextInt(14)) {
            case 0: {
                kw("SELECT", "COUNT", "(", "*", ")", "FROM");
                sql.add(SqlToken.tab(t));
                String f = filter(t, false);
                return pick(new String[] {"How many " + Ts + " are there" + f + "?", "Count the number of " + Ts + f + ".",
                    "What is the total number of " + Ts + f + "?", "How many " + Ts + f + " do we have?"});
            }
            case 1: {
                int c = nonKeyColumn(t);
                boolean distinct = r.nextInt(4) == 0;
                kw("SELECT");
                if (distinct) {
                    kw("DISTINCT");
                }
                sql.add(SqlToken.col(t, c));
                kw("FROM");
                sql.add(SqlToken.tab(t));
                String f = filter(t, false);
                String d = distinct ? pick(new String[] {"different ", "distinct ", "unique "}) : "";
                return pick(new String[] {pick(SHOW) + " the " + d + cname(t, c) + " of all " + Ts + f + ".",
                    "What are the " + d + plural(cname(t, c)) + " of the " + Ts + f + "?",
                    pick(SHOW) + " every " + d + cname(t, c) + " of " + Ts + f + "."});
            }
            case 2: {
                int c1 = nonKeyColumn(t);
                int c2 = column(t, -1);
                if (c1 == c2) {
                    return null;
                }
                kw("SELECT");
                sql.add(SqlToken.col(t, c1));
                kw(",");
                sql.add(SqlToken.col(t, c2));
                kw("FROM");
                sql.add(SqlToken.tab(t));
                String f = filter(t, r.nextBoolean());
                return pick(new String[] {pick(SHOW) + " the " + cname(t, c1) + " and " + cname(t, c2) + " of each " + T + f + ".",
                    "What are the " + cname(t, c1) + " and " + cname(t, c2) + " of " + Ts + f + "?"});
            }
            case 3: {
                int n = column(t, 1);
                if (n < 0) {
                    return null;
                }
                String[] agg = pick(AGG);
                kw("SELECT", agg[0], "(");
                sql.add(SqlToken.col(t, n));
                kw(")", "FROM");
                sql.add(SqlToken.tab(t));
                String f = filter(t, false);
                String a = agg[1 + r.nextInt(agg.length - 1)];
                return pick(new String[] {"What is the " + a + " " + cname(t, n) + " of all " + Ts + f + "?",
                    pick(SHOW) + " the " + a + " " + cname(t, n) + " of " + Ts + f + ".",
                    "Find the " + a + " " + cname(t, n) + " among " + Ts + f + "."});
            }
            case 4: {
                int c = nonKeyColumn(t);
                kw("SELECT");
                sql.add(SqlToken.col(t, c));
                kw(",", "COUNT", "(", "*", ")", "FROM");
                sql.add(SqlToken.tab(t));
                kw("GROUP_BY");
                sql.add(SqlToken.col(t, c));
                return pick(new String[] {"How many " + Ts + " are there for each " + cname(t, c) + "?",
                    pick(SHOW) + " each " + cname(t, c) + " and the number of " + Ts + ".",
                    "For each " + cname(t, c) + ", count the " + Ts + "."});
            }
            case 5: {
                int c = nonKeyColumn(t);
                kw("SELECT");
                sql.add(SqlToken.col(t, c));
                kw("FROM");
                sql.add(SqlToken.tab(t));
                kw("GROUP_BY");
                sql.add(SqlToken.col(t, c));
                boolean most = r.nextBoolean();
                kw("ORDER_BY", "COUNT", "(", "*", ")", most ? "DESC" : "ASC", "LIMIT", "N1");
                return pick(new String[] {"Which " + cname(t, c) + " has the " + (most ? "most" : "fewest") + " " + Ts + "?",
                    "What is the " + (most ? "most" : "least") + " common " + cname(t, c) + " of " + Ts + "?"});
            }
            case 6: {
                int c = nonKeyColumn(t);
                int n = column(t, 1);
                if (n < 0 || n == c) {
                    return null;
                }
                boolean desc = r.nextBoolean();
                kw("SELECT");
                sql.add(SqlToken.col(t, c));
                kw("FROM");
                sql.add(SqlToken.tab(t));
                String f = filter(t, false);
                kw("ORDER_BY");
                sql.add(SqlToken.col(t, n));
                kw(desc ? "DESC" : "ASC");
                return pick(new String[] {pick(SHOW) + " the " + cname(t, c) + " of " + Ts + f + " ordered by " + cname(t, n)
                        + (desc ? " in descending order." : " in ascending order."),
                    pick(SHOW) + " the " + cname(t, c) + " of all " + Ts + f + " sorted by " + cname(t, n)
                        + (desc ? " from highest to lowest." : " from lowest to highest.")});
            }
            case 7: {
                int c = nonKeyColumn(t);
                int n = column(t, 1);
                if (n < 0 || n == c) {
                    return null;
                }
                boolean desc = r.nextBoolean();
                kw("SELECT");
                sql.add(SqlToken.col(t, c));
                kw("FROM");
                sql.add(SqlToken.tab(t));
                kw("ORDER_BY");
                sql.add(SqlToken.col(t, n));
                kw(desc ? "DESC" : "ASC", "LIMIT");
                if (r.nextBoolean()) {
                    kw("N1");
                    return "What is the " + cname(t, c) + " of the " + T + " with the " + (desc ? pick(new String[] {"highest", "largest", "most"})
                            : pick(new String[] {"lowest", "smallest", "least"})) + " " + cname(t, n) + "?";
                }
                String p = placeholder("NUM");
                sql.add(SqlToken.ph(p));
                return pick(SHOW) + " the " + cname(t, c) + " of the " + (desc ? "top " : "bottom ") + p + " " + Ts + " by " + cname(t, n) + ".";
            }
            case 8: {
                int c = nonKeyColumn(t);
                kw("SELECT");
                sql.add(SqlToken.col(t, c));
                kw("FROM");
                sql.add(SqlToken.tab(t));
                kw("GROUP_BY");
                sql.add(SqlToken.col(t, c));
                String[] op = CMP[r.nextInt(3)];
                kw("HAVING", "COUNT", "(", "*", ")", op[0]);
                String p = placeholder("NUM");
                sql.add(SqlToken.ph(p));
                return pick(new String[] {"Which " + plural(cname(t, c)) + " have " + op[1 + r.nextInt(op.length - 1)] + " " + p + " " + Ts + "?",
                    pick(SHOW) + " the " + plural(cname(t, c)) + " that appear in " + op[1 + r.nextInt(op.length - 1)] + " " + p + " " + Ts + "."});
            }
            default:
                return join(r.nextInt(5));
        }
    }

    private String join(int variant) {
        if (schema.foreignKeys().isEmpty()) {
            return null;
        }
        SchemaContext.ForeignKey fk = schema.foreignKeys().get(r.nextInt(schema.foreignKeys().size()));
        int t1 = index(fk.fromTable());
        int t2 = index(fk.toTable());
        if (t1 < 0 || t2 < 0 || t1 == t2) {
            return null;
        }
        int f1 = colIndex(t1, fk.fromColumn());
        int f2 = colIndex(t2, fk.toColumn());
        if (f1 < 0 || f2 < 0) {
            return null;
        }
        String T1s = plural(tname(t1));
        String T2 = tname(t2);
        int c1 = nonKeyColumn(t1);
        int c2 = nonKeyColumn(t2);
        switch (variant) {
            case 0: {
                kw("SELECT");
                sql.add(SqlToken.col(t1, c1));
                kw(",");
                sql.add(SqlToken.col(t2, c2));
                from(t1, t2, f1, f2);
                return pick(new String[] {pick(SHOW) + " the " + cname(t1, c1) + " of each of the " + T1s + " and the " + cname(t2, c2) + " of its " + T2 + ".",
                    "What are the " + cname(t1, c1) + " and " + T2 + " " + cname(t2, c2) + " of all " + T1s + "?"});
            }
            case 1: {
                kw("SELECT");
                sql.add(SqlToken.col(t1, c1));
                from(t1, t2, f1, f2);
                String f = filter(t2, true);
                return pick(new String[] {pick(SHOW) + " the " + cname(t1, c1) + " of " + T1s + " for the " + T2 + f + ".",
                    "What are the " + plural(cname(t1, c1)) + " of " + T1s + " whose " + T2 + f.replaceFirst("^ (whose|with|where|that have) ", " ") + "?"});
            }
            case 2: {
                kw("SELECT");
                sql.add(SqlToken.col(t2, c2));
                kw(",", "COUNT", "(", "*", ")");
                from(t1, t2, f1, f2);
                kw("GROUP_BY");
                sql.add(SqlToken.col(t2, c2));
                return pick(new String[] {"How many " + T1s + " does each " + T2 + " " + cname(t2, c2) + " have?",
                    pick(SHOW) + " the " + cname(t2, c2) + " of each " + T2 + " and the number of " + T1s + "."});
            }
            case 3: {
                kw("SELECT");
                sql.add(SqlToken.col(t2, c2));
                from(t1, t2, f1, f2);
                kw("GROUP_BY");
                sql.add(SqlToken.col(t2, c2));
                kw("ORDER_BY", "COUNT", "(", "*", ")", "DESC", "LIMIT", "N1");
                return "Which " + T2 + " " + cname(t2, c2) + " has the most " + T1s + "?";
            }
            default: {
                kw("SELECT");
                sql.add(SqlToken.col(t2, c2));
                kw("FROM");
                sql.add(SqlToken.tab(t2));
                kw("WHERE");
                sql.add(SqlToken.col(t2, f2));
                kw("NOT", "IN", "(", "SELECT");
                sql.add(SqlToken.col(t1, f1));
                kw("FROM");
                sql.add(SqlToken.tab(t1));
                kw(")");
                return pick(new String[] {pick(SHOW) + " the " + cname(t2, c2) + " of " + plural(T2) + " that have no " + T1s + ".",
                    "Which " + plural(T2) + " do not have any " + T1s + "? Give their " + cname(t2, c2) + "."});
            }
        }
    }

    private void from(int t1, int t2, int f1, int f2) {
        kw("FROM");
        sql.add(SqlToken.tab(t1));
        kw("JOIN");
        sql.add(SqlToken.tab(t2));
        kw("ON");
        sql.add(SqlToken.col(t1, f1));
        kw("=");
        sql.add(SqlToken.col(t2, f2));
    }

    private int index(String table) {
        for (int t = 0; t < schema.tables().size(); t++) {
            if (schema.tables().get(t).name().equalsIgnoreCase(table)) {
                return t;
            }
        }
        return -1;
    }

    private int colIndex(int t, String col) {
        List<SchemaContext.Column> cols = schema.tables().get(t).columns();
        for (int c = 0; c < cols.size(); c++) {
            if (cols.get(c).name().equalsIgnoreCase(col)) {
                return c;
            }
        }
        return -1;
    }
}
