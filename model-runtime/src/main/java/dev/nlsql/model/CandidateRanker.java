package dev.nlsql.model;

import dev.nlsql.model.nn.Words;
import dev.nlsql.model.sql.Keywords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reranking of a translator's finished candidates, a-priori rules with no model call and no
 * database access, applied before execution-guided selection ({@link ExecutionGuidedSelection}).
 * Rule {@value #VERSION}, in order of precedence:
 * <ol>
 *   <li><b>Value consistency</b>: value linking (a {@code ValueIndex}, see {@code IdVault}) often
 *       knows which column holds a quoted value of the question ({@code Slot.column}, passed as
 *       {@link TranslationRequest#valueColumns()}); a candidate that compares that value's
 *       placeholder with another column contradicts the database and goes behind those that do
 *       not ({@link #conflicts}, fewest first). The idea of value-based schema linking (BRIDGE,
 *       Lin et al., 2020, "Bridging Textual and Tabular Data for Cross-Domain Text-to-SQL
 *       Semantic Parsing"), applied as a soft preference after decoding: as a hard decoding rule
 *       it lost accuracy (see MODEL.md).</li>
 *   <li><b>Schema-linking coverage</b>: among candidates whose log-probability is within
 *       {@value #COVERAGE_WINDOW} nats of the best one (at least e^-2, about 14%, of its
 *       probability), those whose table and column names cover more question words come first
 *       ({@link #coverage}, the name-matching of IRNet/RAT-SQL schema linking, Guo et al. 2019,
 *       Wang et al. 2020).</li>
 *   <li>Otherwise the model's order.</li>
 * </ol>
 * The window of 2 nats was chosen on Spider <b>train</b> (1,381 questions, two disjoint samples
 * of every 10th question; see MODEL.md), not on dev.
 *
 * <p>A comparison is {@code table.column OP placeholder} in the canonical SQL the translator
 * renders ({@code =}, {@code !=}, {@code <>}, {@code <}, {@code >}, {@code <=}, {@code >=},
 * {@code LIKE} and its {@code '%' ||} forms, each optionally after {@code NOT}); identifiers may be
 * double-quoted. Names are compared case-insensitively.
 */
public final class CandidateRanker {

    /** Version of the rule, recorded in the decode settings ({@code rerank=v1}). */
    public static final String VERSION = "v1";

    /** How far behind the best candidate, in nats of log-probability, coverage may reorder. */
    public static final double COVERAGE_WINDOW = 2.0;

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern COMPARISON = Pattern.compile("(" + IDENT + ")\\.(" + IDENT + ")\\s+(?:NOT\\s+)?"
            + "(?:=|!=|<>|<=|>=|<|>|LIKE)\\s+(?:'%'\\s*\\|\\|\\s*)?(__(?:STR|NUM|DATE|ID)_\\d+__)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("(" + IDENT + ")(?:\\.(" + IDENT + "))?");

    private CandidateRanker() {}

    /**
     * Counts the comparisons of a placeholder with a column other than the ones value linking
     * found its value in.
     *
     * @param sql a candidate with placeholders ({@code __STR_1__}), columns written {@code table.column}
     * @param valueColumns placeholder name to the {@code table.column} names holding its value
     *     (any case); placeholders without linked columns are absent or map to an empty set
     * @return the number of conflicting comparisons, 0 or more
     */
    public static int conflicts(String sql, Map<String, ? extends Set<String>> valueColumns) {
        if (valueColumns.isEmpty()) {
            return 0;
        }
        int n = 0;
        Matcher m = COMPARISON.matcher(sql);
        while (m.find()) {
            Set<String> linked = valueColumns.get(m.group(3));
            if (linked == null || linked.isEmpty()) {
                continue;
            }
            String column = unquote(m.group(1)) + "." + unquote(m.group(2));
            boolean consistent = false;
            for (String l : linked) {
                consistent |= l.toLowerCase(Locale.ROOT).equals(column);
            }
            n += consistent ? 0 : 1;
        }
        return n;
    }

    /**
     * Schema-linking coverage: how many distinct content words of the question (split by
     * {@link Words#split}, stemmed with {@link Words#stem}, stopwords and placeholders left out)
     * occur among the words of the table and column names the candidate uses. Names are lower-cased
     * before {@link Words#split}, so they split at underscores and digits but not at camel case
     * ({@code LastName} is one word, {@code last_name} two): rule {@value #VERSION} was chosen
     * and measured that way.
     *
     * @param sql a candidate (canonical SQL: columns as {@code table.column}, keywords upper case)
     * @param question the masked question
     * @return the number of covered question words, 0 or more
     */
    public static int coverage(String sql, String question) {
        Set<String> asked = new HashSet<>();
        for (String w : Words.split(question)) {
            if (!w.startsWith("__") && !Words.isStopword(w)) {
                asked.add(Words.stem(w));
            }
        }
        Set<String> used = new HashSet<>();
        Matcher m = NAME.matcher(sql.replaceAll("'[^']*'", " "));
        while (m.find()) {
            String a = m.group(1);
            if (m.group(2) == null && (Keywords.contains(a) || a.startsWith("__"))) {
                continue;
            }
            for (String part : m.group(2) == null ? List.of(a) : List.of(a, m.group(2))) {
                for (String w : Words.split(unquote(part))) {
                    used.add(Words.stem(w));
                }
            }
        }
        used.retainAll(asked);
        return used.size();
    }

    /**
     * Orders candidates by the rule: {@link #conflicts} (fewest first), then, among candidates
     * whose log-probability is within {@code window} nats of the best candidate's, by
     * {@link #coverage} (most first; candidates outside the window after them), then in the
     * given order.
     *
     * @param candidates candidates, best first by the model
     * @param sqlOf the candidate's SQL with placeholders
     * @param scoreOf the candidate's log-probability (higher is better)
     * @param valueColumns as in {@link #conflicts}
     * @param question the masked question
     * @param window nats; {@link #COVERAGE_WINDOW} for rule {@value #VERSION}, 0 or less turns
     *     coverage off
     * @return a new list with the same elements
     * @param <T> the caller's candidate type
     */
    public static <T> List<T> rank(List<T> candidates, Function<T, String> sqlOf, ToDoubleFunction<T> scoreOf,
            Map<String, ? extends Set<String>> valueColumns, String question, double window) {
        List<T> out = new ArrayList<>(candidates);
        if (out.size() < 2) {
            return out;
        }
        double top = Double.NEGATIVE_INFINITY;
        for (T c : out) {
            top = Math.max(top, scoreOf.applyAsDouble(c));
        }
        Map<T, int[]> key = new IdentityHashMap<>();
        for (int i = 0; i < out.size(); i++) {
            T c = out.get(i);
            boolean inWindow = window > 0 && scoreOf.applyAsDouble(c) >= top - window;
            key.put(c, new int[] {conflicts(sqlOf.apply(c), valueColumns),
                inWindow ? -coverage(sqlOf.apply(c), question) : 1, i});
        }
        out.sort(Comparator.<T>comparingInt(c -> key.get(c)[0]).thenComparingInt(c -> key.get(c)[1])
                .thenComparingInt(c -> key.get(c)[2]));
        return out;
    }

    private static String unquote(String ident) {
        String s = ident.startsWith("\"") ? ident.substring(1, ident.length() - 1).replace("\"\"", "\"") : ident;
        return s.toLowerCase(Locale.ROOT);
    }
}
