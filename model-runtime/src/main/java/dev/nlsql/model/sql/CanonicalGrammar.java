package dev.nlsql.model.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent recogniser for the canonical SQL the model emits, used both to validate a
 * finished statement and, during decoding, to tell whether a prefix can still grow into a valid
 * one (the idea of PICARD, Scholak et al., EMNLP 2021: reject inadmissible tokens while
 * decoding). Grammar, with pointers {@code TAB}, {@code COL}, {@code PH}:
 *
 * <pre>
 * query  := core [(INTERSECT|UNION|EXCEPT) query]     (a core with ORDER_BY or LIMIT must be the last)
 * core   := SELECT [DISTINCT] item {, item} FROM TAB {JOIN TAB [ON COL = COL {AND COL = COL}]}
 *           [WHERE cond] [GROUP_BY COL {, COL} [HAVING cond]] [ORDER_BY expr [ASC|DESC] {, ...}]
 *           [LIMIT (Nk|NUM placeholder)]
 * item   := * | expr
 * expr   := term {(+|-|/) term}
 * term   := COL | Nk | PH | COUNT ( [DISTINCT] (*|expr) ) | (SUM|AVG|MIN|MAX) ( [DISTINCT] expr ) | ( query ) | ( expr )
 * cond   := pred {(AND|OR) pred}
 * pred   := expr ( cmp expr | [NOT] IN ( query ) | [NOT] (LIKE|LIKE_CONTAINS|LIKE_PREFIX|LIKE_SUFFIX) (STR|NUM|ID placeholder)
 *           | [NOT] BETWEEN expr AND expr | IS [NOT] NULL )
 * </pre>
 * No aggregate directly in a WHERE clause (only inside a sub-query there), none nested, none in
 * ORDER BY without GROUP BY; an aggregate's columns come from its own SELECT's tables; the SELECT
 * lists on both sides of a set operator have the same number of items.
 * A complete statement must also be scoped (every column belongs to a table in the FROM of its
 * SELECT or an enclosing one; no table twice in one FROM; a join condition compares columns of two
 * different tables already joined) and use every placeholder it is given. Columns after the FROM
 * clause are checked as soon as they appear; those of the SELECT list when the statement ends.
 * Decoding adds schema-derived {@link Constraints}: no numeric column compared with a text
 * placeholder, join conditions only over allowed column pairs (foreign keys, same-named columns),
 * no repeated SELECT item.
 */
public final class CanonicalGrammar {

    /** Outcome of a check. */
    public enum Status {
        /** No continuation can make this a valid statement. */
        INVALID,
        /** A proper prefix of some valid statement. */
        VIABLE,
        /** A valid statement (and possibly also a prefix of a longer one). */
        COMPLETE
    }

    private static final class Incomplete extends RuntimeException {
        Incomplete() {
            super(null, null, false, false);
        }
    }

    private static final class Invalid extends RuntimeException {
        Invalid() {
            super(null, null, false, false);
        }
    }

    private static final Set<String> CMP = Set.of("=", "!=", "<", ">", "<=", ">=");
    private static final Set<String> AGG = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX");
    private static final Set<String> LIKES = Set.of("LIKE", "LIKE_CONTAINS", "LIKE_PREFIX", "LIKE_SUFFIX");

    /**
     * Schema-derived restrictions applied while decoding, on top of the grammar (training data are
     * checked without them).
     *
     * @param numericColumns {@link #columnKey} of the schema's numeric columns: such a column is
     *     never compared with a text ({@code STR}) placeholder
     * @param joinPairs {@link #joinKey} of the column pairs a join condition may equate (both
     *     orders), or null for any pair; with a set, every {@code JOIN} also needs an {@code ON}
     * @param distinctItems whether two identical items in one SELECT list are refused
     */
    public record Constraints(Set<Long> numericColumns, Set<Long> joinPairs, boolean distinctItems) {
        /** No restriction beyond the grammar. */
        public static final Constraints NONE = new Constraints(Set.of(), null, false);

        public Constraints {
            numericColumns = numericColumns == null ? Set.of() : numericColumns;
        }
    }

    private final List<SqlToken> toks;
    private final Set<Long> numericColumns;
    private final Set<Long> joinPairs;
    private final boolean distinctItems;
    private int pos;
    private boolean scopeError;
    private boolean onMissing;

    private static final class Scope {
        final Scope parent;
        final Set<Integer> tables = new HashSet<>();
        final List<Integer> columnTables = new ArrayList<>();
        /** FROM and JOIN clauses are finished: later columns must be visible at once. */
        boolean fromDone;
        /** Inside this SELECT's WHERE clause, where aggregates are not allowed. */
        boolean inWhere;
        /** Inside an aggregate's argument: columns must come from this SELECT's own tables. */
        boolean inAggregate;
        /** Has GROUP BY (aggregates in ORDER BY need it). */
        boolean grouped;
        /** Inside ORDER BY. */
        boolean inOrder;
        final List<Integer> aggregateTables = new ArrayList<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        boolean sees(int table) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.tables.contains(table)) {
                    return true;
                }
            }
            return false;
        }
    }

    private CanonicalGrammar(List<SqlToken> toks, Constraints c) {
        this.toks = toks;
        this.numericColumns = c.numericColumns();
        this.joinPairs = c.joinPairs();
        this.distinctItems = c.distinctItems();
    }

    /** Key of the join condition {@code a = b} (ordered) in {@link Constraints#joinPairs()}. */
    public static long joinKey(int tableA, int columnA, int tableB, int columnB) {
        return ((long) (tableA & 0xFFFF) << 48) | ((long) (columnA & 0xFFFF) << 32) | ((long) (tableB & 0xFFFF) << 16)
                | (columnB & 0xFFFF);
    }

    /** Key of a column in the {@code numericColumns} set of {@link #check(List, Set, Set)}. */
    public static long columnKey(int table, int column) {
        return ((long) table << 32) | column;
    }

    /**
     * Checks a token sequence (without the final EOS).
     *
     * @param tokens the canonical tokens so far
     * @param placeholders the placeholders the statement must use, each at least once
     * @return INVALID, VIABLE (can be continued) or COMPLETE (valid as it stands)
     */
    public static Status check(List<SqlToken> tokens, Set<String> placeholders) {
        return check(tokens, placeholders, Set.of());
    }

    /**
     * Checks a token sequence, also refusing a comparison of a numeric column with a text
     * ({@code STR}) placeholder.
     *
     * @param numericColumns {@link #columnKey} of the schema's numeric columns
     */
    public static Status check(List<SqlToken> tokens, Set<String> placeholders, Set<Long> numericColumns) {
        return check(tokens, placeholders, new Constraints(numericColumns, null, false));
    }

    /**
     * Checks a token sequence under decoding {@link Constraints}.
     *
     * @param tokens the canonical tokens so far (no EOS)
     * @param placeholders the placeholders the statement must use, each at least once
     * @param constraints schema-derived restrictions
     * @return INVALID, VIABLE or COMPLETE
     */
    public static Status check(List<SqlToken> tokens, Set<String> placeholders, Constraints constraints) {
        for (SqlToken t : tokens) {
            if (t.type() == SqlToken.Type.PH && !placeholders.contains(t.placeholder())) {
                return Status.INVALID;
            }
            if (t.type() == SqlToken.Type.KW && t.keyword() == Keywords.EOS) {
                return Status.INVALID;
            }
        }
        CanonicalGrammar g = new CanonicalGrammar(tokens, constraints);
        try {
            g.query(null);
        } catch (Incomplete e) {
            return Status.VIABLE;
        } catch (Invalid e) {
            return Status.INVALID;
        }
        if (g.pos != tokens.size()) {
            return Status.INVALID;
        }
        if (g.scopeError || g.onMissing) {
            return Status.VIABLE;
        }
        Set<String> used = new HashSet<>();
        for (SqlToken t : tokens) {
            if (t.type() == SqlToken.Type.PH) {
                used.add(t.placeholder());
            }
        }
        return used.containsAll(placeholders) ? Status.COMPLETE : Status.VIABLE;
    }

    /** True when the tokens form a complete valid statement. */
    public static boolean isValid(List<SqlToken> tokens, Set<String> placeholders) {
        return check(tokens, placeholders) == Status.COMPLETE;
    }

    // ---- recogniser ----

    private SqlToken peek() {
        return pos < toks.size() ? toks.get(pos) : null;
    }

    /** True if the next token is the keyword; at the end of input, false (the optional part is absent). */
    private boolean at(String kw) {
        SqlToken t = peek();
        return t != null && t.is(kw);
    }

    private SqlToken next() {
        if (pos >= toks.size()) {
            throw new Incomplete();
        }
        return toks.get(pos++);
    }

    private void expect(String kw) {
        if (!next().is(kw)) {
            throw new Invalid();
        }
    }

    private void query(Scope parent) {
        query(parent, -1);
    }

    /** A query whose SELECT lists must have {@code arity} items (-1: any). */
    private void query(Scope parent, int arity) {
        int[] items = new int[1];
        boolean ordered = core(parent, arity, items);
        if (at("INTERSECT") || at("UNION") || at("EXCEPT")) {
            if (ordered) {
                throw new Invalid();
            }
            pos++;
            query(parent, items[0]);
        }
    }

    /** Parses one SELECT; true when it has ORDER BY or LIMIT (then no set operator may follow). */
    private boolean core(Scope parent, int arity, int[] itemsOut) {
        Scope s = new Scope(parent);
        expect("SELECT");
        if (at("DISTINCT")) {
            pos++;
        }
        List<List<SqlToken>> seen = new ArrayList<>();
        int start = pos;
        item(s);
        distinctItem(seen, start);
        int items = 1;
        while (at(",")) {
            if (arity >= 0 && items >= arity) {
                throw new Invalid();
            }
            pos++;
            start = pos;
            item(s);
            distinctItem(seen, start);
            items++;
        }
        if (arity >= 0 && items != arity && pos < toks.size()) {
            throw new Invalid();
        }
        itemsOut[0] = items;
        expect("FROM");
        table(s);
        while (at("JOIN")) {
            pos++;
            table(s);
            if (at("ON")) {
                pos++;
                joinEq(s);
                while (at("AND")) {
                    pos++;
                    joinEq(s);
                }
            } else if (joinPairs != null) {
                if (pos < toks.size()) {
                    throw new Invalid();
                }
                onMissing = true; // the statement may not end here: an ON must follow
            }
        }
        s.fromDone = pos < toks.size();
        if (at("WHERE")) {
            pos++;
            s.inWhere = true;
            cond(s);
            s.inWhere = false;
        }
        if (at("GROUP_BY")) {
            s.grouped = true;
            pos++;
            column(s);
            while (at(",")) {
                pos++;
                column(s);
            }
            if (at("HAVING")) {
                pos++;
                cond(s);
            }
        }
        boolean ordered = false;
        if (at("ORDER_BY")) {
            ordered = true;
            pos++;
            s.inOrder = true;
            orderItem(s);
            while (at(",")) {
                pos++;
                orderItem(s);
            }
            s.inOrder = false;
        }
        if (at("LIMIT")) {
            ordered = true;
            pos++;
            SqlToken t = next();
            boolean numericPh = t.type() == SqlToken.Type.PH && t.placeholder().startsWith("__NUM_");
            if (!(numericPh || isNumber(t))) {
                throw new Invalid();
            }
        }
        boolean bad = false;
        for (int table : s.columnTables) {
            bad |= !s.sees(table);
        }
        for (int table : s.aggregateTables) {
            bad |= !s.tables.contains(table);
        }
        if (bad) {
            if (pos < toks.size()) {
                // the SELECT is closed by what follows: no later JOIN can repair it
                throw new Invalid();
            }
            scopeError = true;
        }
        return ordered;
    }

    /** Refuses an item equal to an earlier one of the same SELECT list (once the item is closed). */
    private void distinctItem(List<List<SqlToken>> seen, int start) {
        if (!distinctItems || pos >= toks.size()) {
            return;
        }
        List<SqlToken> item = toks.subList(start, pos);
        if (seen.contains(item)) {
            throw new Invalid();
        }
        seen.add(item);
    }

    private void table(Scope s) {
        SqlToken t = next();
        if (t.type() != SqlToken.Type.TAB || !s.tables.add(t.table())) {
            throw new Invalid();
        }
    }

    private void joinEq(Scope s) {
        SqlToken a = joinColumn(s);
        expect("=");
        SqlToken b = joinColumn(s);
        if (a.table() == b.table()) {
            throw new Invalid();
        }
        if (joinPairs != null && !joinPairs.contains(joinKey(a.table(), a.column(), b.table(), b.column()))) {
            throw new Invalid();
        }
    }

    private SqlToken joinColumn(Scope s) {
        SqlToken t = next();
        if (t.type() != SqlToken.Type.COL || !s.tables.contains(t.table())) {
            throw new Invalid();
        }
        return t;
    }

    private void column(Scope s) {
        SqlToken t = next();
        if (t.type() != SqlToken.Type.COL) {
            throw new Invalid();
        }
        use(s, t.table());
    }

    private void use(Scope s, int table) {
        if (s.fromDone && !s.sees(table)) {
            throw new Invalid();
        }
        if (s.inAggregate) {
            if (s.fromDone && !s.tables.contains(table)) {
                throw new Invalid();
            }
            s.aggregateTables.add(table);
        }
        s.columnTables.add(table);
    }

    private void orderItem(Scope s) {
        expr(s);
        if (at("ASC") || at("DESC")) {
            pos++;
        }
    }

    private void item(Scope s) {
        if (at("*")) {
            pos++;
            return;
        }
        expr(s);
    }

    private void expr(Scope s) {
        term(s);
        while (at("+") || at("-") || at("/")) {
            pos++;
            term(s);
        }
    }

    private static boolean isNumber(SqlToken t) {
        return t.type() == SqlToken.Type.KW && Keywords.ALL.get(t.keyword()).matches("N\\d+");
    }

    private void term(Scope s) {
        SqlToken t = next();
        if (t.type() == SqlToken.Type.COL) {
            use(s, t.table());
            return;
        }
        if (t.type() == SqlToken.Type.PH || isNumber(t)) {
            return;
        }
        if (t.type() != SqlToken.Type.KW) {
            throw new Invalid();
        }
        String k = Keywords.ALL.get(t.keyword());
        if (AGG.contains(k)) {
            if (s.inWhere || s.inAggregate || (s.inOrder && !s.grouped)) {
                throw new Invalid();
            }
            expect("(");
            if (at("DISTINCT")) {
                pos++;
            }
            if (at("*")) {
                if (!k.equals("COUNT")) {
                    throw new Invalid();
                }
                pos++;
            } else {
                s.inAggregate = true;
                expr(s);
                s.inAggregate = false;
            }
            expect(")");
            return;
        }
        if (k.equals("(")) {
            SqlToken n = peek();
            if (n == null) {
                throw new Incomplete();
            }
            if (n.is("SELECT")) {
                query(s);
            } else {
                expr(s);
            }
            expect(")");
            return;
        }
        throw new Invalid();
    }

    private void cond(Scope s) {
        pred(s);
        while (at("AND") || at("OR")) {
            pos++;
            pred(s);
        }
    }

    private void pred(Scope s) {
        int lhs = pos;
        expr(s);
        boolean numericLhs = pos == lhs + 1 && toks.get(lhs).type() == SqlToken.Type.COL
                && numericColumns.contains(columnKey(toks.get(lhs).table(), toks.get(lhs).column()));
        SqlToken t = next();
        if (t.type() != SqlToken.Type.KW) {
            throw new Invalid();
        }
        String k = Keywords.ALL.get(t.keyword());
        if (CMP.contains(k)) {
            int rhs = pos;
            expr(s);
            if (numericLhs && pos == rhs + 1 && toks.get(rhs).type() == SqlToken.Type.PH
                    && toks.get(rhs).placeholder().startsWith("__STR_")) {
                throw new Invalid();
            }
            return;
        }
        if (k.equals("IS")) {
            if (at("NOT")) {
                pos++;
            }
            expect("NULL");
            return;
        }
        if (k.equals("NOT")) {
            t = next();
            k = t.type() == SqlToken.Type.KW ? Keywords.ALL.get(t.keyword()) : "";
        }
        if (k.equals("IN")) {
            expect("(");
            query(s);
            expect(")");
        } else if (LIKES.contains(k)) {
            SqlToken p = next();
            if (p.type() != SqlToken.Type.PH || p.placeholder().startsWith("__DATE_")) {
                throw new Invalid();
            }
        } else if (k.equals("BETWEEN")) {
            expr(s);
            expect("AND");
            expr(s);
        } else {
            throw new Invalid();
        }
    }
}
