package dev.nlsql.model.decode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.nlsql.model.nn.Batch;
import dev.nlsql.model.nn.Encoded;
import dev.nlsql.model.nn.Featurizer;
import dev.nlsql.model.nn.PointerTransformer;
import dev.nlsql.model.sql.CanonicalGrammar;
import dev.nlsql.model.sql.Keywords;
import dev.nlsql.model.sql.SqlToken;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Beam search constrained by the canonical SQL grammar and the schema, in the manner of PICARD
 * (Scholak et al., EMNLP 2021): at every step only tokens that keep the statement a viable prefix
 * are considered ({@link CanonicalGrammar#check}); pointers can only name tables, columns and
 * placeholders that exist; the end of statement is allowed only when the statement is complete,
 * correctly scoped and uses every placeholder. Every hypothesis that finishes is therefore valid.
 */
public final class BeamSearch {

    /** A finished hypothesis: canonical tokens and their summed log-probability. */
    public record Hypothesis(List<SqlToken> tokens, double score) {}

    private final PointerTransformer model;
    private final int beamSize;
    private final int maxLen;

    /**
     * @param model the trained model
     * @param beamSize hypotheses kept per step (at least 1; 1 is constrained greedy decoding)
     * @param maxLen most tokens per statement (EOS excluded)
     */
    public BeamSearch(PointerTransformer model, int beamSize, int maxLen) {
        this.model = model;
        this.beamSize = Math.max(1, beamSize);
        this.maxLen = Math.min(maxLen, model.config().maxSql() - 1);
    }

    private record Beam(List<SqlToken> tokens, double score) {}

    /**
     * Decodes one input.
     *
     * @param m manager for intermediate arrays (closed by the caller)
     * @param enc the featurised prefix
     * @param placeholders placeholders the statement must use
     * @return finished valid hypotheses, best first (possibly empty)
     */
    public List<Hypothesis> search(NDManager m, Encoded enc, Set<String> placeholders) {
        return search(m, enc, placeholders, beamSize);
    }

    /**
     * Decodes one input, stopping as soon as {@code wanted} finished hypotheses score better than
     * every live one (scores only fall as hypotheses grow, so no later one can overtake them).
     *
     * @param wanted how many hypotheses the caller needs (at most the beam size)
     */
    public List<Hypothesis> search(NDManager m, Encoded enc, Set<String> placeholders, int wanted) {
        return search(m, enc, placeholders, wanted, Set.of());
    }

    /**
     * As {@link #search(NDManager, Encoded, Set, int)}, also refusing comparisons of numeric
     * columns with text placeholders.
     *
     * @param numericColumns {@link CanonicalGrammar#columnKey} of numeric columns
     */
    public List<Hypothesis> search(NDManager m, Encoded enc, Set<String> placeholders, int wanted, Set<Long> numericColumns) {
        return search(m, enc, placeholders, wanted, new CanonicalGrammar.Constraints(numericColumns, null, false));
    }

    /**
     * As {@link #search(NDManager, Encoded, Set, int)} under schema-derived decoding constraints
     * ({@link CanonicalGrammar.Constraints}: numeric columns, allowed join pairs, distinct
     * SELECT items).
     */
    public List<Hypothesis> search(NDManager m, Encoded enc, Set<String> placeholders, int wanted,
            CanonicalGrammar.Constraints constraints) {
        int need = Math.max(1, Math.min(wanted, beamSize));
        NDArray[] pre = Batch.prefixArrays(m, List.of(enc), model.config().featuresPerWord());
        PointerTransformer.PrefixState ps = model.encodePrefix(m, pre[0], pre[1], pre[2], pre[3], pre[4], pre[5], false);
        int lp = enc.length();
        int k = Keywords.size();
        List<Beam> beams = List.of(new Beam(List.of(), 0));
        List<Hypothesis> done = new ArrayList<>();
        for (int len = 0; len <= maxLen && !beams.isEmpty(); len++) {
            List<int[]> specials = new ArrayList<>();
            List<List<Map<Integer, Float>>> mixes = new ArrayList<>();
            for (Beam b : beams) {
                int[] sp = new int[b.tokens().size() + 1];
                List<Map<Integer, Float>> mix = new ArrayList<>();
                Featurizer.sqlInput(enc, b.tokens(), sp, mix);
                specials.add(sp);
                mixes.add(mix);
            }
            float[] logp;
            int width = k + lp;
            try (NDManager step = m.newSubManager()) {
                NDArray[] sql = Batch.sqlArrays(step, specials, mixes, lp);
                NDArray out = model.decode(ps, sql[0], sql[1], false);
                logp = out.get(":, -1, :").toFloatArray();
            }
            List<Beam> next = new ArrayList<>();
            for (int bi = 0; bi < beams.size(); bi++) {
                Beam b = beams.get(bi);
                List<Integer> order = new ArrayList<>();
                for (int j = 0; j < width; j++) {
                    if (j < k || enc.pointerToken().containsKey(j - k)) {
                        order.add(j);
                    }
                }
                final int base = bi * width;
                final float[] lpArr = logp;
                order.sort(Comparator.comparingDouble(j -> -lpArr[base + j]));
                int accepted = 0;
                Map<String, CanonicalGrammar.Status> cache = new HashMap<>();
                for (int j : order) {
                    if (accepted >= beamSize) {
                        break;
                    }
                    double score = b.score() + logp[base + j];
                    if (j == Keywords.EOS) {
                        if (CanonicalGrammar.check(b.tokens(), placeholders, constraints) == CanonicalGrammar.Status.COMPLETE) {
                            done.add(new Hypothesis(b.tokens(), score));
                            accepted++;
                        }
                        continue;
                    }
                    SqlToken t = j < k ? SqlToken.kw(j) : enc.pointerToken().get(j - k);
                    String cacheKey = t.type() == SqlToken.Type.KW ? "K" + j : t.type() == SqlToken.Type.PH ? t.placeholder() : t.type().name();
                    CanonicalGrammar.Status st = cache.get(cacheKey);
                    List<SqlToken> extended = new ArrayList<>(b.tokens());
                    extended.add(t);
                    if (st == null || t.type() != SqlToken.Type.KW) {
                        st = CanonicalGrammar.check(extended, placeholders, constraints);
                        cache.put(cacheKey, st);
                    }
                    if (st == CanonicalGrammar.Status.INVALID) {
                        continue;
                    }
                    next.add(new Beam(extended, score));
                    accepted++;
                }
            }
            next.sort(Comparator.comparingDouble(b -> -b.score()));
            beams = next.size() > beamSize ? next.subList(0, beamSize) : next;
            done.sort(Comparator.comparingDouble(h -> -h.score()));
            if (done.size() >= need && (beams.isEmpty() || beams.get(0).score() < done.get(need - 1).score())) {
                break;
            }
        }
        done.sort(Comparator.comparingDouble(h -> -h.score()));
        return done;
    }
}
