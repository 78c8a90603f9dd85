package dev.nlsql.nl;

import dev.nlsql.model.nn.Words;
import dev.nlsql.model.vault.ValueIndex;
import dev.nlsql.policy.Engine;
import dev.nlsql.provenance.SchemaSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Value linking: the distinct values of a database's text columns, so that the ID vault can
 * mask an unquoted value in a question ({@code customers in Germany}) and the schema linker
 * knows which column holds it.
 *
 * <p>Built with one {@code SELECT DISTINCT col FROM table WHERE col IS NOT NULL} per text
 * column of every base table (views are skipped), each read with
 * {@link Statement#setMaxRows(int)} set to {@code maxPerColumn}, within an overall time budget;
 * values longer than
 * {@code maxLength} characters or with more than 8 words, values without a letter, and the
 * whole index beyond {@code maxTotal} values are skipped, so cost and memory are bounded.
 * Single-word values that are common question words or words of the schema's own names
 * ({@code show}, {@code total}, {@code album}...) are never reported, so they stay part of the
 * question. Immutable and thread-safe once built.
 */
public final class JdbcValueIndex implements ValueIndex {

    private static final Set<String> COMMON_WORDS = Set.of("show", "list", "top", "first", "last",
            "total", "average", "avg", "sum", "count", "max", "min", "maximum", "minimum", "highest",
            "lowest", "longest", "shortest", "largest", "smallest", "biggest", "best", "worst", "most",
            "least", "more", "less", "greater", "fewer", "per", "each", "every", "year", "years",
            "month", "months", "day", "days", "date", "dates", "time", "times", "price", "prices",
            "sales", "revenue", "amount", "number", "numbers", "name", "names", "all", "only",
            "between", "before", "after", "since", "during", "over", "under", "above", "below",
            "who", "what", "which", "where", "when", "how", "many", "much", "give", "find", "get",
            "tell", "display", "return", "order", "orders", "ordered", "sorted", "sort", "rank",
            "ranked", "group", "grouped", "by", "with", "without", "and", "or", "not", "no", "yes",
            "new", "old", "oldest", "newest", "recent", "latest", "earliest", "distinct", "unique",
            "different", "same", "other", "others", "any", "some", "none", "both", "including",
            "include", "includes", "contain", "contains", "containing", "have", "has", "had",
            "made", "make", "sold", "bought", "buy", "sell", "spent", "spend", "paid", "pay",
            "cost", "costs", "value", "values", "one", "two", "three", "ten", "hundred", "thousand",
            "people", "person", "everyone", "everything", "something", "nothing", "home", "work",
            "money", "help", "yesterday", "today", "tomorrow", "week", "weeks", "quarter", "quarters",
            "percent", "percentage", "ratio", "share", "via", "ship", "shipped", "shipping",
            "discount", "discounted", "discontinued", "stock", "units", "unit", "quantity");

    private final Map<String, Entry> byValue;

    /** Where a value was found: the {@code table.column}s holding it and its exact spelling. */
    record Entry(String exact, List<String> columns) {}

    private JdbcValueIndex(Map<String, Entry> byValue) {
        this.byValue = byValue;
    }

    /**
     * Reads the index from a database.
     *
     * @param connection an open connection to the database the snapshot describes (read only);
     *     when it is in a transaction, each read runs under a savepoint, so a column that cannot
     *     be read does not abort the caller's transaction
     * @param snapshot its schema
     * @param engine its engine (for identifier quoting)
     * @param maxPerColumn distinct values read per column, at least 1
     * @param maxTotal values kept in all
     * @param maxLength longest value kept, in characters
     * @param budgetMs wall-clock budget for the whole build, milliseconds; columns not reached in
     *     time are left out (each query also gets the remaining time as its query timeout)
     * @return the index; columns whose read failed are left out
     */
    public static JdbcValueIndex build(Connection connection, SchemaSnapshot snapshot, Engine engine,
            int maxPerColumn, int maxTotal, int maxLength, long budgetMs) {
        long deadline = System.nanoTime() + Math.max(1, budgetMs) * 1_000_000L;
        Set<String> schemaWords = new HashSet<>();
        for (SchemaSnapshot.Table t : snapshot.tables()) {
            schemaWords.addAll(NameTokens.tokens(t.name()));
            for (SchemaSnapshot.Column c : t.columns()) {
                schemaWords.addAll(NameTokens.tokens(c.name()));
            }
        }
        Map<String, Entry> byValue = new HashMap<>();
        int[] total = {0};
        outer:
        for (SchemaSnapshot.Table t : snapshot.tables()) {
            if (!"TABLE".equalsIgnoreCase(t.type()) && !"BASE TABLE".equalsIgnoreCase(t.type())) {
                continue;
            }
            for (SchemaSnapshot.Column c : t.columns()) {
                if (!isText(c)) {
                    continue;
                }
                long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0 || total[0] >= maxTotal) {
                    break outer;
                }
                String table = (SqlNames.schemaQualifier(t.schema(), engine) != null
                        ? SqlNames.schemaQualifier(t.schema(), engine) + "." : "") + SqlNames.render(t.name(), engine);
                String col = SqlNames.render(c.name(), engine);
                String sql = "SELECT DISTINCT " + col + " FROM " + table + " WHERE " + col + " IS NOT NULL";
                readColumn(connection, sql, t.name() + "." + c.name(), maxPerColumn, maxTotal, maxLength,
                        (int) Math.max(1, (leftMs + 999) / 1000), schemaWords, byValue, total);
            }
        }
        Map<String, Entry> frozen = new HashMap<>();
        byValue.forEach((k, e) -> frozen.put(k, new Entry(e.exact(), List.copyOf(e.columns()))));
        return new JdbcValueIndex(frozen);
    }

    /** Same as {@link #build(Connection, SchemaSnapshot, Engine, int, int, int, long)} with a 5 s budget. */
    public static JdbcValueIndex build(Connection connection, SchemaSnapshot snapshot, Engine engine,
            int maxPerColumn, int maxTotal, int maxLength) {
        return build(connection, snapshot, engine, maxPerColumn, maxTotal, maxLength, 5000);
    }

    private static void readColumn(Connection connection, String sql, String where, int maxPerColumn, int maxTotal,
            int maxLength, int timeoutSeconds, Set<String> schemaWords, Map<String, Entry> byValue, int[] total) {
        Savepoint savepoint = null;
        try {
            if (!connection.getAutoCommit()) {
                savepoint = connection.setSavepoint();
            }
        } catch (SQLException | RuntimeException e) {
            savepoint = null;
        }
        try (Statement st = connection.createStatement()) {
            st.setMaxRows(Math.max(1, maxPerColumn));
            try {
                st.setQueryTimeout(timeoutSeconds);
            } catch (SQLException | RuntimeException e) {
                // a driver without query timeouts still gets the overall budget
            }
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    String v = rs.getString(1);
                    if (!keep(v, maxLength, schemaWords)) {
                        continue;
                    }
                    String k = ValueIndex.normalise(v);
                    Entry e = byValue.get(k);
                    if (e == null) {
                        if (total[0] >= maxTotal) {
                            return;
                        }
                        byValue.put(k, new Entry(v.trim(), new ArrayList<>(List.of(where))));
                        total[0]++;
                    } else if (!e.columns().contains(where)) {
                        e.columns().add(where);
                    }
                }
            }
            release(connection, savepoint);
        } catch (SQLException | RuntimeException e) {
            // a column that cannot be read (permissions, odd types) is left out of the index
            if (savepoint != null) {
                try {
                    connection.rollback(savepoint);
                } catch (SQLException | RuntimeException ignored) {
                    // nothing more to undo
                }
            }
        }
    }

    private static void release(Connection connection, Savepoint savepoint) {
        if (savepoint != null) {
            try {
                connection.releaseSavepoint(savepoint);
            } catch (SQLException | RuntimeException ignored) {
                // some drivers release savepoints implicitly
            }
        }
    }

    private static boolean isText(SchemaSnapshot.Column c) {
        switch (c.jdbcType()) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR,
                    Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> {
                return true;
            }
            default -> {
                String tn = c.typeName() == null ? "" : c.typeName().toUpperCase(Locale.ROOT);
                return tn.contains("CHAR") || tn.contains("TEXT") || tn.equals("STRING") || tn.contains("CLOB");
            }
        }
    }

    private static boolean keep(String v, int maxLength, Set<String> schemaWords) {
        if (v == null) {
            return false;
        }
        String t = v.trim();
        if (t.length() < 2 || t.length() > maxLength || t.chars().noneMatch(Character::isLetter)) {
            return false;
        }
        String[] words = t.split("\\s+");
        if (words.length > 8) {
            return false;
        }
        if (words.length == 1) {
            String w = t.toLowerCase(Locale.ROOT);
            return !COMMON_WORDS.contains(w) && !schemaWords.contains(Words.stem(w));
        }
        return true;
    }

    @Override
    public Optional<String> columnFor(String text) {
        Entry e = byValue.get(ValueIndex.normalise(text));
        return e == null ? Optional.empty() : Optional.of(e.columns().get(0));
    }

    /** Every {@code table.column} holding the value (any case), in snapshot order; empty when unknown. */
    public List<String> columnsFor(String text) {
        Entry e = byValue.get(ValueIndex.normalise(text));
        return e == null ? List.of() : e.columns();
    }

    /** The value as the database spells it, or empty when unknown. */
    public Optional<String> exactValue(String text) {
        Entry e = byValue.get(ValueIndex.normalise(text));
        return e == null ? Optional.empty() : Optional.of(e.exact());
    }

    /** Number of distinct values held. */
    public int size() {
        return byValue.size();
    }

    @Override
    public int maxWords() {
        return 6;
    }
}
