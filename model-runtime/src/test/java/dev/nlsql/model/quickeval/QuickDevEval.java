package dev.nlsql.model.quickeval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nlsql.model.Candidate;
import dev.nlsql.model.DjlTranslator;
import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.data.SpiderSchemas;
import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import dev.nlsql.model.vault.Slot;
import dev.nlsql.model.vault.ValueIndex;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quick execution-accuracy check on Spider dev (a tool in test scope, not the project's
 * evaluation harness): masks each question with the ID vault and a value index read from the
 * SQLite database, translates, binds the placeholders as parameters, and compares result rows
 * with the gold query's (multisets; in order when the gold query has ORDER BY).
 * Args: spiderDir weightsFile [limit] [stride] [beam].
 */
public final class QuickDevEval {

    private static final Pattern PH = Pattern.compile("__(STR|NUM|DATE|ID)_\\d+__");

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int stride = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int beam = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        Map<String, SchemaContext> schemas = SpiderSchemas.load(dir.resolve("tables.json"));
        JsonNode dev = new ObjectMapper().readTree(dir.resolve("dev.json").toFile());
        Map<String, ValueIndex> indexes = new HashMap<>();
        int n = 0;
        int correct = 0;
        int produced = 0;
        int errors = 0;
        List<Long> latencies = new ArrayList<>();
        try (DjlTranslator tr = DjlTranslator.fromFile(Path.of(args[1]), beam)) {
            for (int i = 0; i < dev.size() && n < limit; i += stride) {
                JsonNode q = dev.get(i);
                String db = q.get("db_id").asText();
                Path file = dir.resolve("database").resolve(db).resolve(db + ".sqlite");
                if (!Files.exists(file)) {
                    continue;
                }
                n++;
                ValueIndex vi = indexes.computeIfAbsent(db, d -> {
                    try {
                        return SqliteValues.index(file.toString());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                MaskedQuestion mq = IdVault.mask(q.get("question").asText(), List.of(), vi);
                long t0 = System.nanoTime();
                List<Candidate> cands = tr.translate(new TranslationRequest(schemas.get(db), mq.text(),
                        mq.placeholderKinds(), "sqlite", 1));
                latencies.add((System.nanoTime() - t0) / 1_000_000);
                String gold = q.get("query").asText();
                boolean ok = false;
                String pred = cands.isEmpty() ? null : cands.get(0).sql();
                if (pred != null) {
                    produced++;
                    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                        List<List<String>> g = run(c, gold, Map.of());
                        List<List<String>> p = run(c, pred, mq.slots());
                        boolean ordered = gold.toLowerCase(Locale.ROOT).contains("order by");
                        if (!ordered) {
                            sort(g);
                            sort(p);
                        }
                        ok = g.equals(p);
                    } catch (SQLException e) {
                        errors++;
                        System.out.println("ERROR " + e.getMessage() + "\n   P: " + pred);
                    }
                }
                if (ok) {
                    correct++;
                }
                if (n <= 25 || args.length > 5) {
                    System.out.printf(Locale.ROOT, "%s %s%n   Q: %s%n   P: %s%n   G: %s%n", ok ? "OK  " : "MISS", db, mq.text(), pred, gold);
                }
            }
        }
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "dev subset: %d questions, execution accuracy %.1f%% (%d), produced %d, execution errors %d, latency p50 %d ms p90 %d ms%n",
                n, 100.0 * correct / n, correct, produced, errors, latencies.get(latencies.size() / 2),
                latencies.get((int) (latencies.size() * 0.9)));
    }

    private static void sort(List<List<String>> rows) {
        rows.sort((a, b) -> String.join("\u0001", a).compareTo(String.join("\u0001", b)));
    }

    static List<List<String>> run(Connection c, String sql, Map<String, Slot> slots) throws SQLException {
        Matcher m = PH.matcher(sql);
        StringBuilder sb = new StringBuilder();
        List<Object> params = new ArrayList<>();
        while (m.find()) {
            m.appendReplacement(sb, "?");
            params.add(slots.get(m.group()).value());
        }
        m.appendTail(sb);
        try (PreparedStatement ps = c.prepareStatement(sb.toString())) {
            ps.setQueryTimeout(10);
            for (int i = 0; i < params.size(); i++) {
                Object v = params.get(i);
                if (v instanceof BigDecimal b) {
                    if (b.stripTrailingZeros().scale() <= 0) {
                        ps.setLong(i + 1, b.longValue());
                    } else {
                        ps.setDouble(i + 1, b.doubleValue());
                    }
                } else if (v instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else {
                    ps.setString(i + 1, v.toString());
                }
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next() && rows.size() < 100000) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= cols; i++) {
                        Object o = rs.getObject(i);
                        row.add(o instanceof Number num ? normalise(num) : String.valueOf(o));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static String normalise(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(Math.round(d * 1e6) / 1e6);
    }

}
