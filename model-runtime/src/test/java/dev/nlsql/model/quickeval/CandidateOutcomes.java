package dev.nlsql.model.quickeval;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.DjlTranslator;
import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.data.SpiderSchemas;
import dev.nlsql.model.eval.PlaceholderSql;
import dev.nlsql.model.eval.ResultComparator;
import dev.nlsql.model.eval.SpiderDataset;
import dev.nlsql.model.eval.SpiderExample;
import dev.nlsql.model.eval.SpiderQueries;
import dev.nlsql.model.eval.ValueIndexBuilder;
import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Analysis tool in test scope (not the harness): for every Spider dev question, every candidate
 * of the beam and what became of it on the SQLite database: {@code E} (execution error),
 * {@code 0} (ran, no rows) or {@code R} (rows), and {@code +} when its result equals the gold
 * result. One line per question (index, hardness, latency ms, outcomes), so selection rules can be
 * compared offline. Masking and binding follow the harness ({@code ValueIndexBuilder}, whole
 * numbers as longs, database spelling for linked strings).
 * Args: spiderDir weightsFile outFile [beam] [candidates] [stride].
 */
public final class CandidateOutcomes {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int beam = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int cands = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        int stride = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        Map<String, SchemaContext> schemas = SpiderSchemas.load(dir.resolve("tables.json"));
        List<SpiderExample> dev = SpiderDataset.load(dir.resolve("dev.json"));
        Map<String, Object[]> dbs = new HashMap<>();
        try (DjlTranslator tr = DjlTranslator.fromFile(Path.of(args[1]), beam);
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2])))) {
            int n = 0;
            for (int i = 0; i < dev.size(); i += stride) {
                SpiderExample e = dev.get(i);
                if (!SpiderDataset.hasDatabase(dir.resolve("database"), e.dbId())) {
                    continue;
                }
                Object[] db = dbs.computeIfAbsent(e.dbId(), id -> open(dir, id, schemas.get(id)));
                Connection c = (Connection) db[0];
                ValueIndexBuilder values = (ValueIndexBuilder) db[1];
                MaskedQuestion mq = IdVault.mask(e.question(), List.of(), (dev.nlsql.model.vault.ValueIndex) db[2]);
                long t0 = System.nanoTime();
                List<Candidate> cs = tr.translate(new TranslationRequest(schemas.get(e.dbId()), mq.text(),
                        mq.placeholderKinds(), "sqlite", cands));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                List<List<Object>> gold;
                try {
                    gold = run(c, e.query(), List.of());
                } catch (SQLException ex) {
                    gold = null;
                }
                StringBuilder sb = new StringBuilder();
                for (Candidate cand : cs) {
                    PlaceholderSql.JdbcSql j = PlaceholderSql.toJdbc(cand.sql());
                    List<Object> params = new ArrayList<>();
                    for (String name : j.parameters()) {
                        params.add(values.jdbcValue(mq.slots().get(name)));
                    }
                    try {
                        List<List<Object>> rows = run(c, j.sql(), params);
                        sb.append(rows.isEmpty() ? '0' : 'R');
                        sb.append(gold != null && ResultComparator.sameResult(gold, rows, e.goldOrdered()) ? '+' : '-');
                    } catch (SQLException ex) {
                        sb.append("E-");
                    }
                    sb.append(' ');
                }
                out.printf(Locale.ROOT, "%d\t%s\t%d\t%s%n", e.index(), e.hardness(), ms, sb.toString().strip());
                if (++n % 50 == 0) {
                    System.err.println(n + " questions");
                    out.flush();
                }
            }
        }
    }

    /** A read-only connection to Spider database {@code id}, its value index builder and the built index. */
    public static Object[] open(Path dir, String id, SchemaContext schema) {
        try {
            Properties p = new Properties();
            p.setProperty("open_mode", "1");
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + SpiderDataset.databaseFile(dir.resolve("database"), id), p);
            ValueIndexBuilder values = ValueIndexBuilder.fromSqlite(c, schema, 5000);
            return new Object[] {c, values, values.build()};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<Object>> run(Connection c, String sql, List<Object> params) throws SQLException {
        return SpiderQueries.run(c, sql, params, 10_000, 100_000);
    }
}
