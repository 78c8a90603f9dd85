package dev.nlsql.model.decode;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.nn.Featurizer;
import dev.nlsql.model.sql.CanonicalGrammar;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The schema-derived {@link CanonicalGrammar.Constraints} of constrained decoding:
 * <ul>
 * <li>a numeric column is never compared with a text placeholder;</li>
 * <li>when the schema declares foreign keys, a join condition equates a foreign key with the
 *     column it references, or two same-named columns of different tables (either order), and
 *     every {@code JOIN} has an {@code ON}; without declared foreign keys any pair is allowed;</li>
 * <li>no SELECT list repeats an item.</li>
 * </ul>
 * Measured on Spider train (never dev; {@code JoinStatsTool} in test scope): of 3,197 join
 * conditions in the 6,281 converted gold queries, 3,008 are foreign keys and 102 same-named
 * columns; the rules together refuse 101 gold queries (1.6%), mostly joins over columns that
 * Spider's schemas do not declare as keys (e.g. {@code Student.Advisor}), {@code JOIN}s without
 * {@code ON}, and 10 SELECT lists that repeat an item after alias resolution.
 */
public final class DecodeConstraints {

    /**
     * Version of these rules, part of {@code ModelIdentity.decodeConfig} (so translation caches keyed
     * on it do not replay SQL decoded under other rules): {@code v2} is the list above; v1 (session
     * 1) had only the numeric-column rule.
     */
    public static final String VERSION = "v2";

    private DecodeConstraints() {}

    /**
     * @param schema the request's schema (table and column indexes as the model's pointers use them)
     * @return the constraints for decoding over it
     */
    public static CanonicalGrammar.Constraints of(SchemaContext schema) {
        List<SchemaContext.Table> tables = schema.tables();
        Set<Long> numeric = new HashSet<>();
        for (int ti = 0; ti < tables.size(); ti++) {
            List<SchemaContext.Column> cols = tables.get(ti).columns();
            for (int ci = 0; ci < cols.size(); ci++) {
                if (Featurizer.typeClass(cols.get(ci).type()) == 1) {
                    numeric.add(CanonicalGrammar.columnKey(ti, ci));
                }
            }
        }
        Set<Long> joins = null;
        for (SchemaContext.ForeignKey fk : schema.foreignKeys()) {
            int ft = table(tables, fk.fromTable());
            int tt = table(tables, fk.toTable());
            int fc = column(tables, ft, fk.fromColumn());
            int tc = column(tables, tt, fk.toColumn());
            if (fc < 0 || tc < 0 || ft == tt) {
                continue;
            }
            if (joins == null) {
                joins = new HashSet<>();
            }
            joins.add(CanonicalGrammar.joinKey(ft, fc, tt, tc));
            joins.add(CanonicalGrammar.joinKey(tt, tc, ft, fc));
        }
        if (joins != null) {
            for (int a = 0; a < tables.size(); a++) {
                for (int b = a + 1; b < tables.size(); b++) {
                    List<SchemaContext.Column> ca = tables.get(a).columns();
                    List<SchemaContext.Column> cb = tables.get(b).columns();
                    for (int i = 0; i < ca.size(); i++) {
                        for (int j = 0; j < cb.size(); j++) {
                            if (ca.get(i).name().equalsIgnoreCase(cb.get(j).name())) {
                                joins.add(CanonicalGrammar.joinKey(a, i, b, j));
                                joins.add(CanonicalGrammar.joinKey(b, j, a, i));
                            }
                        }
                    }
                }
            }
        }
        return new CanonicalGrammar.Constraints(numeric, joins, true);
    }

    private static int table(List<SchemaContext.Table> tables, String name) {
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int column(List<SchemaContext.Table> tables, int t, String name) {
        if (t < 0) {
            return -1;
        }
        List<SchemaContext.Column> cols = tables.get(t).columns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }
}
