package dev.nlsql.model.data;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.sql.SqlToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Train-set statistics for decoding constraints: join conditions against foreign keys, repeated SELECT items. Args: spiderDir. */
public final class JoinStatsTool {
    static final boolean SHOW = false;
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Map<String, SchemaContext> schemas = SpiderSchemas.load(dir.resolve("tables.json"));
        SpiderCorpus.Loaded loaded = SpiderCorpus.load(dir.resolve("train_spider_min.json"), schemas);
        int refused = 0, refusedJoin = 0, noOn = 0, sameName = 0, noFkInFkSchema = 0, joinExamples = 0, strictBad = 0;
        int joins = 0, fkPair = 0, tablesLinked = 0, noFkBetween = 0, dupItems = 0, n = 0;
        for (Example e : loaded.examples()) {
            n++;
            SchemaContext s = e.schema();
            Set<String> fk = new HashSet<>();
            Set<String> linked = new HashSet<>();
            for (SchemaContext.ForeignKey f : s.foreignKeys()) {
                int ft = idx(s, f.fromTable()), tt = idx(s, f.toTable());
                int fc = col(s, ft, f.fromColumn()), tc = col(s, tt, f.toColumn());
                fk.add(ft + "." + fc + "=" + tt + "." + tc);
                fk.add(tt + "." + tc + "=" + ft + "." + fc);
                linked.add(ft + "-" + tt);
                linked.add(tt + "-" + ft);
            }
            List<SqlToken> t = e.sql();
            if (dev.nlsql.model.sql.CanonicalGrammar.check(t, e.placeholders().keySet(),
                    dev.nlsql.model.decode.DecodeConstraints.of(s)) != dev.nlsql.model.sql.CanonicalGrammar.Status.COMPLETE) {
                refused++;
                if (t.stream().anyMatch(x -> x.is("JOIN"))) refusedJoin++;
            }
            int before = noFkInFkSchema;
            if (t.stream().anyMatch(x -> x.is("JOIN"))) joinExamples++;
            for (int i = 0; i + 2 < t.size(); i++) {
                if (t.get(i).type() == SqlToken.Type.COL && t.get(i + 1).is("=") && t.get(i + 2).type() == SqlToken.Type.COL
                        && i > 0 && (t.get(i - 1).is("ON") || (t.get(i - 1).is("AND") && inOn(t, i)))) {
                    joins++;
                    SqlToken a = t.get(i), b = t.get(i + 2);
                    if (fk.contains(a.table() + "." + a.column() + "=" + b.table() + "." + b.column())) {
                        fkPair++;
                    } else if (linked.contains(a.table() + "-" + b.table())) {
                        tablesLinked++;
                    } else {
                        noFkBetween++;
                        if (!s.foreignKeys().isEmpty()) {
                            noFkInFkSchema++;
                            String an = s.tables().get(a.table()).columns().get(a.column()).name();
                            String bn = s.tables().get(b.table()).columns().get(b.column()).name();
                            if (an.equalsIgnoreCase(bn)) sameName++;
                            else if (SHOW) System.out.println("NONFK " + s.tables().get(a.table()).name() + "." + an + " = " + s.tables().get(b.table()).name() + "." + bn);
                        }
                    }
                }
            }
            if (noFkInFkSchema > before) strictBad++;
            for (int i = 0; i + 2 < t.size(); i++) {
                if (t.get(i).is("JOIN") && !t.get(i + 2).is("ON")) {
                    noOn++;
                    break;
                }
            }
            // repeated select items in any SELECT list
            for (int i = 0; i < t.size(); i++) {
                if (!t.get(i).is("SELECT")) continue;
                List<String> items = new ArrayList<>();
                StringBuilder cur = new StringBuilder();
                int depth = 0;
                int j = i + 1;
                if (j < t.size() && t.get(j).is("DISTINCT")) j++;
                for (; j < t.size(); j++) {
                    SqlToken x = t.get(j);
                    if (depth == 0 && (x.is(",") || x.is("FROM"))) {
                        items.add(cur.toString());
                        cur.setLength(0);
                        if (x.is("FROM")) break;
                        continue;
                    }
                    if (x.is("(")) depth++;
                    if (x.is(")")) depth--;
                    cur.append(x).append(' ');
                }
                if (new HashSet<>(items).size() < items.size()) {
                    dupItems++;
                    
                }
            }
        }
        System.out.printf("gold refused by DecodeConstraints: %d (with a join %d)%n", refused, refusedJoin);
        System.out.printf("same-name %d; examples with a JOIN without ON %d%n", sameName, noOn);
        System.out.printf("non-FK joins in schemas that declare FKs %d (in %d examples of %d with a join)%n", noFkInFkSchema, strictBad, joinExamples);
        System.out.printf("examples %d, join conditions %d: FK pair %d, other columns of FK-linked tables %d, tables without FK between them %d; examples with a repeated SELECT item %d%n",
                n, joins, fkPair, tablesLinked, noFkBetween, dupItems);
    }

    private static boolean inOn(List<SqlToken> t, int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (t.get(k).is("ON")) return true;
            if (t.get(k).is("JOIN") || t.get(k).is("WHERE") || t.get(k).is("SELECT") || t.get(k).is("HAVING")) return false;
        }
        return false;
    }

    private static int idx(SchemaContext s, String name) {
        for (int i = 0; i < s.tables().size(); i++) if (s.tables().get(i).name().equalsIgnoreCase(name)) return i;
        return -1;
    }

    private static int col(SchemaContext s, int t, String name) {
        if (t < 0) return -1;
        var cs = s.tables().get(t).columns();
        for (int i = 0; i < cs.size(); i++) if (cs.get(i).name().equalsIgnoreCase(name)) return i;
        return -1;
    }
}
