package dev.nlsql.model.rerank;

import dev.nlsql.model.CandidateRanker;
import dev.nlsql.model.ExecutionGuidedSelection;
import dev.nlsql.model.ExecutionGuidedSelection.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Replays a {@link RerankDump} file: execution accuracy (overall and by hardness) of the first
 * candidate, of execution-guided selection in the model's order (what the harness does), of a
 * reranking rule followed by execution-guided selection, and of an oracle (any candidate right).
 * With {@code show}, prints every question whose chosen candidate the rule changes.
 * Args: dumpFile rule(value|coverage|value+coverage) [show]; system property {@code window}
 * (nats, default {@link CandidateRanker#COVERAGE_WINDOW}).
 */
public final class RerankReplay {

    /** One candidate of the dump. */
    record Cand(String code, double score, String sql) {
        Probe probe() {
            return switch (code.charAt(0)) {
                case 'R' -> Probe.ROWS;
                case '0' -> Probe.EMPTY;
                case 'T' -> Probe.UNKNOWN;
                default -> Probe.FAILED;
            };
        }

        boolean correct() {
            return code.endsWith("+");
        }
    }

    /** One question of the dump. */
    record Question(int index, String hardness, String db, String question, String masked,
            Map<String, Set<String>> linked, String gold, List<Cand> cands) {}

    public static void main(String[] args) throws Exception {
        List<Question> qs = read(Path.of(args[0]));
        String rule = args.length > 1 ? args[1] : "value";
        boolean show = args.length > 2 && args[2].equals("show");
        Function<Question, List<Cand>> ranker = switch (rule) {
            case "value" -> q -> CandidateRanker.rank(q.cands(), Cand::sql, Cand::score, q.linked(), q.masked(), 0);
            case "coverage" -> q -> CandidateRanker.rank(q.cands(), Cand::sql, Cand::score, Map.<String, Set<String>>of(), q.masked(), WINDOW);
            case "value+coverage" -> q -> CandidateRanker.rank(q.cands(), Cand::sql, Cand::score, q.linked(), q.masked(), WINDOW);
            default -> throw new IllegalArgumentException("unknown rule " + rule);
        };
        Map<String, int[]> tally = new TreeMap<>(); // hardness -> first, eg, rule, oracle, n
        int changed = 0, gained = 0, lost = 0, emitted = 0;
        for (Question q : qs) {
            int[] t = tally.computeIfAbsent(q.hardness(), h -> new int[5]);
            int[] all = tally.computeIfAbsent("~all", h -> new int[5]);
            if (q.cands().isEmpty()) {
                t[4]++;
                all[4]++;
                continue;
            }
            emitted++;
            Cand eg = select(q.cands());
            List<Cand> ranked = ranker.apply(q);
            Cand ru = select(ranked);
            boolean[] ok = {q.cands().get(0).correct(), eg.correct(), ru.correct(),
                q.cands().stream().anyMatch(Cand::correct)};
            for (int i = 0; i < 4; i++) {
                t[i] += ok[i] ? 1 : 0;
                all[i] += ok[i] ? 1 : 0;
            }
            t[4]++;
            all[4]++;
            if (ru != eg) {
                changed++;
                gained += ru.correct() && !eg.correct() ? 1 : 0;
                lost += eg.correct() && !ru.correct() ? 1 : 0;
                if (show) {
                    System.out.printf(Locale.ROOT, "#%d %s [%s] %s%n  masked: %s%n  linked: %s%n  gold: %s%n  was %s %.3f %s%n  now %s %.3f %s%n",
                            q.index(), q.hardness(), q.db(), q.question(), q.masked(), q.linked(), q.gold(), eg.code(),
                            eg.score(), eg.sql(), ru.code(), ru.score(), ru.sql());
                }
            }
        }
        System.out.printf(Locale.ROOT, "rule=%s questions=%d emitted=%d changed=%d gained=%d lost=%d%n", rule, qs.size(),
                emitted, changed, gained, lost);
        System.out.println("hardness\tn\tfirst\texecGuided\trule\toracle");
        tally.forEach((h, t) -> System.out.printf(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%d%n", h, t[4], t[0], t[1], t[2], t[3]));
    }

    static final double WINDOW = Double.parseDouble(System.getProperty("window", String.valueOf(CandidateRanker.COVERAGE_WINDOW)));

    static Cand select(List<Cand> cands) {
        return ExecutionGuidedSelection.select(cands, Cand::probe).orElseThrow().chosen();
    }

    static List<Question> read(Path file) throws Exception {
        List<Question> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t", -1);
            Map<String, Set<String>> linked = new LinkedHashMap<>();
            if (!f[5].isEmpty()) {
                for (String p : f[5].split("\\|")) {
                    int eq = p.indexOf('=');
                    linked.put(p.substring(0, eq), Set.of(p.substring(eq + 1)));
                }
            }
            List<Cand> cands = new ArrayList<>();
            for (int i = 7; i + 2 < f.length; i += 3) {
                cands.add(new Cand(f[i], Double.parseDouble(f[i + 1]), f[i + 2]));
            }
            out.add(new Question(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], linked, f[6], cands));
        }
        return out;
    }
}
