package dev.nlsql.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Execution-guided candidate selection (Wang et al., 2018, "Robust Text-to-SQL Generation with
 * Execution-Guided Decoding", arXiv:1807.03100, applied to the finished candidates of the beam):
 * of the validated candidates, in the translator's order (for {@link DjlTranslator}: the beam after
 * {@link CandidateRanker}), take the first that executes without error
 * and returns at least one row; if none does, the first that executes (with an empty result);
 * if none executes, the first candidate. This is the one selection rule of the project: the NL
 * dialect (product) and the Spider evaluation harness both call {@link #select}; only the way a
 * candidate is probed differs (the dialect reads at most one row under a time limit, the harness
 * reads the whole result it then compares).
 *
 * <p>A probe that cannot tell ({@link Probe#UNKNOWN}: it ran past its time limit, or probing is
 * impossible in the caller's state) stops the search and that candidate is taken: the model's
 * order is trusted rather than spending more time. Candidates after the chosen one are never
 * probed, so the cost is one probe when the first candidate returns rows.
 */
public final class ExecutionGuidedSelection {

    private ExecutionGuidedSelection() {}

    /** What probing one candidate showed. */
    public enum Probe {
        /** Executed and returned at least one row. */
        ROWS,
        /** Executed without error and returned no row. */
        EMPTY,
        /** Execution failed (an error from the database). */
        FAILED,
        /** Could not tell (time limit reached, or probing not possible); taken as it is. */
        UNKNOWN
    }

    /**
     * Runs one candidate far enough to classify it.
     *
     * @param <T> the caller's candidate type
     */
    @FunctionalInterface
    public interface Prober<T> {
        /**
         * @param candidate a validated candidate
         * @return what it showed; must not throw for a database error (return {@link Probe#FAILED})
         */
        Probe probe(T candidate);
    }

    /**
     * The outcome of a selection.
     *
     * @param chosen the chosen candidate
     * @param index its position in the list given (0-based)
     * @param probes what each probed candidate showed, in order (the chosen one is the last
     *     unless it was the fallback); its size is the number of probes spent
     */
    public record Choice<T>(T chosen, int index, List<Probe> probes) {
        public Choice {
            Objects.requireNonNull(chosen, "chosen");
            probes = List.copyOf(probes);
        }

        /** What the chosen candidate's probe showed. */
        public Probe chosenProbe() {
            return probes.get(index);
        }
    }

    /**
     * Chooses a candidate by the rule above.
     *
     * @param candidates validated candidates, best first (may be empty)
     * @param prober runs one candidate; called at most once per candidate, in order, and never
     *     after a candidate returning rows (or an unknown outcome) was found
     * @return the choice, or empty when {@code candidates} is empty
     * @param <T> the caller's candidate type
     */
    public static <T> Optional<Choice<T>> select(List<T> candidates, Prober<T> prober) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<Probe> probes = new ArrayList<>(candidates.size());
        int firstEmpty = -1;
        for (int i = 0; i < candidates.size(); i++) {
            Probe p = Objects.requireNonNull(prober.probe(candidates.get(i)), "probe outcome");
            probes.add(p);
            if (p == Probe.ROWS || p == Probe.UNKNOWN) {
                return Optional.of(new Choice<>(candidates.get(i), i, probes));
            }
            if (p == Probe.EMPTY && firstEmpty < 0) {
                firstEmpty = i;
            }
        }
        int i = firstEmpty >= 0 ? firstEmpty : 0;
        return Optional.of(new Choice<>(candidates.get(i), i, probes));
    }
}
