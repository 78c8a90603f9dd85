package dev.nlsql.model.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word splitting, stemming and hashed word features (fastText style: the word itself and its
 * character trigrams, each hashed into a fixed number of buckets, so that no vocabulary ships
 * with the model and unseen words still get an embedding; Bojanowski et al., TACL 2017).
 */
public final class Words {

    /** Placeholder token in a masked question. */
    public static final Pattern PLACEHOLDER = Pattern.compile("__(STR|NUM|DATE|ID)_(\\d+)__");
    private static final Pattern TOKEN = Pattern.compile("__(?:STR|NUM|DATE|ID)_\\d+__|\\p{Lu}?\\p{Ll}+|\\p{Lu}+(?!\\p{Ll})|\\p{L}+|\\p{N}+");
    private static final Set<String> STOP = Set.of("the", "a", "an", "of", "in", "on", "for", "to", "and", "or",
            "is", "are", "was", "were", "what", "which", "who", "how", "many", "that", "with", "by", "all",
            "each", "their", "its", "do", "does", "did", "me", "show", "list", "find", "give", "return", "there",
            "have", "has", "than", "from", "at", "as", "be", "it", "they", "those", "these", "this");

    private Words() {}

    /** Lower-cased words of a text; identifiers split at underscores, digits and camel case; placeholders kept whole. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String t = m.group();
            out.add(t.startsWith("__") ? t : t.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** A crude English stem: plural endings removed. */
    public static String stem(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 4 && (w.endsWith("ses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** True for function words that carry no schema meaning. */
    public static boolean isStopword(String w) {
        return STOP.contains(w);
    }

    /**
     * Hashed feature ids of a word: the whole word first, then its character trigrams (with
     * {@code <} and {@code >} as boundary marks), at most {@code count} ids, each in
     * {@code [1, buckets)}; unused slots are 0 (padding).
     */
    public static int[] features(String word, int count, int buckets) {
        int[] f = new int[count];
        f[0] = bucket("w:" + word, buckets);
        String s = "<" + word + ">";
        int k = 1;
        for (int i = 0; i + 3 <= s.length() && k < count; i++) {
            f[k++] = bucket("g:" + s.substring(i, i + 3), buckets);
        }
        return f;
    }

    private static int bucket(String s, int buckets) {
        int h = 0x811C9DC5;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return 1 + Math.floorMod(h, buckets - 1);
    }
}
