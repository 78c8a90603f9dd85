package dev.nlsql.model.rerank;

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
import dev.nlsql.model.vault.Slot;
import dev.nlsql.model.vault.ValueIndex;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Analysis tool in test scope (not the harness): like {@code CandidateOutcomes}, every candidate of
 * the beam for Spider questions executed with the harness's masking and binding, but written with
 * everything a reranking rule may use, one question per line, tab-separated: index, hardness,
 * db id, question, masked question, value-linked columns ({@code __STR_1__=table.column|...}),
 * gold SQL, then per candidate three fields: outcome ({@code R}/{@code 0}/{@code E}/{@code T} for
 * rows/no rows/error/timeout, then {@code +} when equal to the gold result), the model's
 * log-probability, the SQL, in the beam's order (best log-probability first: the order before
 * {@code CandidateRanker}, which {@code DjlTranslator} applies). Replayed by {@link RerankReplay}.
 * Args: spiderDir questionsFile(dev.json|train_spider_min.json) outFile [candidates] [stride] [offset].
 */
public final class RerankDump {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int cands = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int stride = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int offset = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Map<String, SchemaContext> schemas = SpiderSchemas.load(dir.resolve("tables.json"));
        List<SpiderExample> qs = SpiderDataset.load(dir.resolve(args[1]));
        Map<String, Object[]> dbs = new HashMap<>();
        try (DjlTranslator tr = DjlTranslator.fromClasspath(4);
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2])))) {
            int n = 0;
            for (int i = offset; i < qs.size(); i += stride) {
                SpiderExample e = qs.get(i);
                if (!SpiderDataset.hasDatabase(dir.resolve("database"), e.dbId()) || !schemas.containsKey(e.dbId())) {
                    continue;
                }
                Object[] db = dbs.computeIfAbsent(e.dbId(), id -> open(dir, id, schemas.get(id)));
                Connection c = (Connection) db[0];
                ValueIndexBuilder values = (ValueIndexBuilder) db[1];
                MaskedQuestion mq = IdVault.mask(e.question(), List.of(), (ValueIndex) db[2]);
                List<Candidate> cs = new ArrayList<>(tr.translate(new TranslationRequest(schemas.get(e.dbId()), mq.text(),
                        mq.placeholderKinds(), "sqlite", cands)));
                // the beam's own order (best log-probability first), undoing the translator's CandidateRanker
                cs.sort(Comparator.comparingDouble(Candidate::score).reversed());
                List<List<Object>> gold;
                try {
                    gold = SpiderQueries.run(c, e.query(), List.of(), 10_000, 100_000);
                } catch (SQLException ex) {
                    gold = null;
                }
                StringBuilder linked = new StringBuilder();
                for (Map.Entry<String, Slot> s : mq.slots().entrySet()) {
                    if (s.getValue().column() != null) {
                        linked.append(linked.length() > 0 ? "|" : "").append(s.getKey()).append('=').append(s.getValue().column());
                    }
                }
                StringBuilder sb = new StringBuilder();
                sb.append(e.index()).append('\t').append(e.hardness()).append('\t').append(e.dbId()).append('\t')
                        .append(flat(e.question())).append('\t').append(flat(mq.text())).append('\t').append(linked)
                        .append('\t').append(flat(e.query()));
                for (Candidate cand : cs) {
                    PlaceholderSql.JdbcSql j = PlaceholderSql.toJdbc(cand.sql());
                    List<Object> params = new ArrayList<>();
                    for (String name : j.parameters()) {
                        params.add(values.jdbcValue(mq.slots().get(name)));
                    }
                    String code;
                    try {
                        List<List<Object>> rows = SpiderQueries.run(c, j.sql(), params, 10_000, 100_000);
                        code = (rows.isEmpty() ? "0" : "R")
                                + (gold != null && ResultComparator.sameResult(gold, rows, e.goldOrdered()) ? "+" : "-");
                    } catch (SQLException ex) {
                        code = "57014".equals(ex.getSQLState()) ? "T-" : "E-";
                    }
                    sb.append('\t').append(code).append('\t').append(String.format(Locale.ROOT, "%.4f", cand.score()))
                            .append('\t').append(flat(cand.sql()));
                }
                out.println(sb);
                if (++n % 100 == 0) {
                    System.err.println(n + " questions");
                    out.flush();
                }
            }
        }
    }

    private static String flat(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }

    private static Object[] open(Path dir, String id, SchemaContext schema) {
        return dev.nlsql.model.quickeval.CandidateOutcomes.open(dir, id, schema);
    }
}
