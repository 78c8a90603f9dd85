package dev.nlsql.model.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index of a database's text values, used to find values that a question names without
 * quotes ("singers from France"). Matching is case-insensitive, on whole words, longest match
 * first, and returns the value as stored in the database (so that binding it reproduces the
 * database's spelling).
 *
 * <p>Values are skipped when they cannot be told from ordinary words: shorter than 3
 * characters, longer than {@value #MAX_VALUE_CHARS} characters or {@value #MAX_VALUE_WORDS}
 * words, purely numeric (the ID vault handles numbers), a common English word, or equal to a
 * table or column name. This is the evaluation harness's simple value linker; the NL dialect
 * has the production one.
 */
public final class ValueIndex {

    /** Longest value indexed, in characters. */
    public static final int MAX_VALUE_CHARS = 60;
    /** Longest value indexed, in words. */
    public static final int MAX_VALUE_WORDS = 6;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’.&-][\\p{L}\\p{N}]+)*");
    private static final Set<String> COMMON = Set.of(
            "the", "and", "for", "are", "all", "any", "not", "yes", "with", "from", "that", "this", "what",
            "which", "who", "whom", "how", "many", "much", "more", "most", "less", "least", "than", "each",
            "name", "names", "number", "count", "total", "average", "other", "others", "none", "null",
            "true", "false", "one", "two", "three", "first", "last", "new", "old", "top", "high", "low",
            "show", "list", "find", "give", "return", "also", "both", "only", "have", "has", "had", "was",
            "were", "per", "their", "there", "these", "those", "them", "they", "its", "his", "her", "year",
            "years", "date", "time", "type", "types", "id", "ids", "code", "order", "different", "distinct",
            "male", "female", "man", "men", "woman", "women", "people", "person", "student", "students");

    private final Map<String, String> byLowerCase = new HashMap<>();
    private final Set<String> excluded = new HashSet<>();
    private int maxWords = 1;

    /**
     * An empty index.
     *
     * @param schemaNames table and column names of the database (never treated as values)
     */
    public ValueIndex(Iterable<String> schemaNames) {
        for (String s : schemaNames) {
            excluded.add(s.toLowerCase(Locale.ROOT));
            excluded.add(s.toLowerCase(Locale.ROOT).replace('_', ' '));
        }
    }

    /**
     * Adds one text value from the database; ignored when it fails the filters above. The first
     * spelling added for a case-insensitive value wins.
     *
     * @return whether the value was indexed
     */
    public boolean add(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip();
        if (v.length() < 3 || v.length() > MAX_VALUE_CHARS) {
            return false;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || excluded.contains(lower) || lower.matches("[-+]?[0-9.,:/ ]+")) {
            return false;
        }
        List<int[]> words = words(v);
        if (words.isEmpty() || words.size() > MAX_VALUE_WORDS) {
            return false;
        }
        // only values that are exactly a word sequence can be found on word boundaries
        if (words.get(0)[0] != 0 || words.get(words.size() - 1)[1] != v.length()) {
            return false;
        }
        maxWords = Math.max(maxWords, words.size());
        byLowerCase.putIfAbsent(lower, v);
        return true;
    }

    /** Number of distinct values indexed. */
    public int size() {
        return byLowerCase.size();
    }

    /**
     * A value found in a question.
     *
     * @param start offset of the first character in the question (inclusive)
     * @param end offset after the last character (exclusive)
     * @param value the value as stored in the database
     */
    public record Match(int start, int end, String value) {}

    /**
     * Finds indexed values in a text: left to right, at each word the longest word sequence
     * that is a value; matches never overlap.
     *
     * @param question the question (possibly already holding placeholders, which never match)
     * @return matches in text order
     */
    public List<Match> find(String question) {
        String text = PlaceholderSql.PLACEHOLDER.matcher(question).replaceAll(m -> " ".repeat(m.group().length()));
        List<int[]> words = words(text);
        List<Match> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Match best = null;
            int bestJ = i;
            for (int j = Math.min(words.size() - 1, i + maxWords - 1); j >= i; j--) {
                String span = text.substring(words.get(i)[0], words.get(j)[1]);
                String v = byLowerCase.get(span.toLowerCase(Locale.ROOT));
                if (v != null) {
                    best = new Match(words.get(i)[0], words.get(j)[1], v);
                    bestJ = j;
                    break;
                }
            }
            if (best != null) {
                out.add(best);
                i = bestJ + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static List<int[]> words(String s) {
        List<int[]> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }
}
