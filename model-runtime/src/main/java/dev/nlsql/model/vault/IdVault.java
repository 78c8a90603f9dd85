package dev.nlsql.model.vault;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ID vault: replaces the literal values of a natural-language question by placeholders
 * ({@code __STR_n__}, {@code __NUM_n__}, {@code __DATE_n__}, {@code __ID_n__}) so that a model
 * never sees a value, and keeps the typed values to bind later as JDBC parameters.
 *
 * <p>What is masked, in this priority (an earlier rule wins where spans overlap):
 * <ol>
 *   <li>quoted strings: {@code '...'} (with {@code ''} as an escaped quote; an apostrophe
 *       inside a word such as {@code O'Brien} does not open a quote), {@code "..."},
 *       {@code “...”}, {@code „...“}, {@code ‘...’}, {@code «...»} → {@code STR} with the text between the quotes;</li>
 *   <li>the caller's {@code ?} markers (only when values are bound): a {@code ?} standing alone
 *       between whitespace or punctuation, left to right; a final sentence-ending {@code ?}
 *       is ignored when there is one marker more than bound values → kind from the value's
 *       type ({@link Number} → {@code NUM}, {@link LocalDate}/{@link java.util.Date} →
 *       {@code DATE}, anything else → {@code STR} via {@code toString()});</li>
 *   <li>dates: {@code 2024-01-15}, {@code 2024/01/15}, {@code 01/15/2024} (month first unless
 *       the first number exceeds 12), {@code 15.01.2024} (day first), {@code January 15, 2024},
 *       {@code Jan 15 2024}, {@code 15 January 2024}, {@code 15th of Jan 2024} → {@code DATE}
 *       as a {@link LocalDate}; impossible dates are not dates;</li>
 *   <li>key-like identifiers: UUIDs, {@code #1234}, and tokens that start with letters and
 *       contain digits ({@code A320}, {@code ORD-1234}, {@code INV_2024_7}) or digits joined to
 *       letters by {@code -}/{@code _} ({@code 12-AB}) → {@code ID} (a {@link Long} when the
 *       value is digits only, else the {@link String});</li>
 *   <li>spans of up to {@link ValueIndex#maxWords()} words that the optional
 *       {@link ValueIndex} knows as a column value → {@code STR} (longest span first; a single
 *       word only when it does not start with a lower-case letter, so {@code France} and
 *       {@code CD} are values but {@code dog} stays text);</li>
 *   <li>numbers: {@code 42}, {@code -3.5}, {@code 1,000,000}, {@code 12%} → {@code NUM} as a
 *       {@link BigDecimal} (separators and {@code %} dropped); ordinals such as {@code 3rd}
 *       stay text.</li>
 * </ol>
 * Placeholders are numbered per kind from 1, left to right in the question, so the same
 * question always masks the same way. Training data is masked by this same class.
 */
public final class IdVault {

    private static final String MONTH =
            "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final Pattern ISO_DATE =
            Pattern.compile("(?<![\\w/.-])(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})(?![\\w/-]|\\.\\d)");
    private static final Pattern NUMERIC_DATE =
            Pattern.compile("(?<![\\w/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})(?![\\w/-]|\\.\\d)");
    private static final Pattern MONTH_FIRST = Pattern.compile(
            "(?<![\\p{L}\\d])" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?![\\p{L}\\d])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY_FIRST = Pattern.compile(
            "(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "\\.?,?\\s+(\\d{4})(?![\\p{L}\\d])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UUID = Pattern.compile(
            "(?<![\\w-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\\w-])");
    private static final Pattern HASH_ID = Pattern.compile("(?<![\\w#])#(\\d+)(?![\\w])");
    private static final Pattern KEY_ID = Pattern.compile(
            "(?<![\\p{L}\\d_-])(?:[A-Za-z]+[-_]?\\d[A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*|\\d+[-_][A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*)(?![\\p{L}\\d_]|-[A-Za-z0-9])");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\p{L}\\d_.,])(-|\\+)?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)(%)?(?!\\d|\\.\\d|,\\d{3})");
    private static final Pattern ORDINAL_SUFFIX = Pattern.compile("(?i)(st|nd|rd|th)(?![\\p{L}])");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'&.-]*[\\p{L}\\p{N}]|[\\p{L}\\p{N}]");
    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "and", "or", "is", "are", "was",
            "were", "be", "with", "from", "as", "all", "any", "what", "which", "who", "whom", "whose",
            "how", "many", "much", "show", "list", "find", "give", "me", "their", "there", "that",
            "this", "those", "these", "it", "its", "not", "no", "each", "every", "name", "names",
            "number", "count", "than", "more", "less", "most", "least", "i", "we", "you", "they",
            "do", "does", "did", "have", "has", "had", "one", "some");

    private IdVault() {}

    /** A value found in the question before numbering. */
    private record Found(int start, int end, SlotKind kind, Object value, String column) {}

    /**
     * Masks a question.
     *
     * @param question the question as the user wrote it (not null)
     * @param boundValues the caller's values for {@code ?} markers, in order (null or empty: the
     *     question has no markers and every {@code ?} is punctuation); null elements are not allowed
     * @param valueIndex known database values, or null
     * @return the masked text and the slots in order of appearance
     * @throws IllegalArgumentException when the number of {@code ?} markers differs from the number
     *     of bound values, or a bound value is null (callers map this to SQLState {@code 22023})
     */
    public static MaskedQuestion mask(String question, List<Object> boundValues, ValueIndex valueIndex) {
        List<Found> found = new ArrayList<>();
        List<Found> quoted = findQuoted(question);
        found.addAll(quoted);
        if (boundValues != null && !boundValues.isEmpty()) {
            found.addAll(findMarkers(question, boundValues, found));
        }
        findDates(question, found);
        findIds(question, found);
        if (valueIndex != null) {
            findIndexed(question, valueIndex, found);
        }
        findNumbers(question, found);

        found.sort(Comparator.comparingInt(Found::start));
        Map<SlotKind, Integer> counters = new EnumMap<>(SlotKind.class);
        LinkedHashMap<String, Slot> slots = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        int pos = 0;
        for (Found f : found) {
            int n = counters.merge(f.kind(), 1, Integer::sum);
            String name = f.kind().placeholder(n);
            text.append(question, pos, f.start());
            text.append(name);
            pos = f.end();
            slots.put(name, new Slot(f.kind(), question.substring(f.start(), f.end()), f.value(), f.column()));
        }
        text.append(question.substring(pos));
        return new MaskedQuestion(text.toString(), slots);
    }

    /** Masks a question without bound values or value index. */
    public static MaskedQuestion mask(String question) {
        return mask(question, List.of(), null);
    }

    private static boolean free(List<Found> found, int start, int end) {
        for (Found f : found) {
            if (start < f.end() && f.start() < end) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    private static List<Found> findQuoted(String q) {
        List<Found> out = new ArrayList<>();
        int i = 0;
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            int close = -1;
            String value = null;
            if (c == '\'' && (i == 0 || !isWordChar(q.charAt(i - 1)))) {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = q.charAt(j);
                    if (d == '\'') {
                        if (j + 1 < n && q.charAt(j + 1) == '\'') {
                            sb.append('\'');
                            j += 2;
                            continue;
                        }
                        if (j + 1 >= n || !isWordChar(q.charAt(j + 1))) {
                            close = j;
                            break;
                        }
                    }
                    sb.append(d);
                    j++;
                }
                value = sb.toString();
            } else if (c == '"' || c == '\u201C' || c == '\u201E' || c == '\u2018' || c == '\u00AB') {
                char end = c == '"' ? '"' : c == '\u201C' ? '\u201D' : c == '\u201E' ? '\u201C'
                        : c == '\u2018' ? '\u2019' : '\u00BB';
                int j = q.indexOf(end, i + 1);
                if (j > 0) {
                    close = j;
                    value = q.substring(i + 1, j);
                }
            }
            if (close > i && !value.isEmpty()) {
                out.add(new Found(i, close + 1, SlotKind.STR, value, null));
                i = close + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static List<Found> findMarkers(String q, List<Object> values, List<Found> taken) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < q.length(); i++) {
            if (q.charAt(i) != '?' || !free(taken, i, i + 1)) {
                continue;
            }
            boolean before = i == 0 || Character.isWhitespace(q.charAt(i - 1)) || "(=,<>".indexOf(q.charAt(i - 1)) >= 0;
            boolean after = i + 1 == q.length() || Character.isWhitespace(q.charAt(i + 1)) || "),.;:!?".indexOf(q.charAt(i + 1)) >= 0;
            if (before && after) {
                positions.add(i);
            }
        }
        if (positions.size() == values.size() + 1 && q.substring(positions.get(positions.size() - 1) + 1).isBlank()) {
            positions.remove(positions.size() - 1);
        }
        if (positions.size() != values.size()) {
            throw new IllegalArgumentException("the question has " + positions.size()
                    + " ? markers but " + values.size() + " values are bound");
        }
        List<Found> out = new ArrayList<>();
        for (int k = 0; k < positions.size(); k++) {
            Object v = values.get(k);
            if (v == null) {
                throw new IllegalArgumentException("bound value " + (k + 1) + " is null; ASK cannot compare with NULL");
            }
            int p = positions.get(k);
            out.add(boundSlot(p, v));
        }
        return out;
    }

    private static Found boundSlot(int p, Object v) {
        if (v instanceof Number) {
            return new Found(p, p + 1, SlotKind.NUM, v, null);
        }
        if (v instanceof LocalDate d) {
            return new Found(p, p + 1, SlotKind.DATE, d, null);
        }
        if (v instanceof java.util.Date d) {
            LocalDate ld = d.getClass().getName().equals("java.sql.Date")
                    ? LocalDate.parse(d.toString())
                    : d.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
            return new Found(p, p + 1, SlotKind.DATE, ld, null);
        }
        return new Found(p, p + 1, SlotKind.STR, v.toString(), null);
    }

    private static void findDates(String q, List<Found> found) {
        Matcher m = ISO_DATE.matcher(q);
        while (m.find()) {
            addDate(found, m, m.group(1), m.group(3), m.group(4));
        }
        m = NUMERIC_DATE.matcher(q);
        while (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            boolean dayFirst = m.group(2).equals(".") || a > 12;
            String day = String.valueOf(dayFirst ? a : b);
            String month = String.valueOf(dayFirst ? b : a);
            addDate(found, m, m.group(4), month, day);
        }
        m = MONTH_FIRST.matcher(q);
        while (m.find()) {
            addDate(found, m, m.group(3), String.valueOf(month(m.group(1))), m.group(2));
        }
        m = DAY_FIRST.matcher(q);
        while (m.find()) {
            addDate(found, m, m.group(3), String.valueOf(month(m.group(2))), m.group(1));
        }
    }

    private static int month(String name) {
        String p = name.toLowerCase(Locale.ROOT).substring(0, 3);
        return List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").indexOf(p) + 1;
    }

    private static void addDate(List<Found> found, Matcher m, String y, String mo, String d) {
        if (!free(found, m.start(), m.end())) {
            return;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d));
            found.add(new Found(m.start(), m.end(), SlotKind.DATE, date, null));
        } catch (DateTimeException | NumberFormatException e) {
            // not a real date: left for the other rules
        }
    }

    private static void findIds(String q, List<Found> found) {
        Matcher m = UUID.matcher(q);
        while (m.find()) {
            if (free(found, m.start(), m.end())) {
                found.add(new Found(m.start(), m.end(), SlotKind.ID, m.group(), null));
            }
        }
        m = HASH_ID.matcher(q);
        while (m.find()) {
            if (free(found, m.start(), m.end())) {
                found.add(new Found(m.start(), m.end(), SlotKind.ID, idValue(m.group(1)), null));
            }
        }
        m = KEY_ID.matcher(q);
        while (m.find()) {
            if (m.group().startsWith("__") || !free(found, m.start(), m.end())) {
                continue;
            }
            found.add(new Found(m.start(), m.end(), SlotKind.ID, idValue(m.group()), null));
        }
    }

    private static Object idValue(String s) {
        if (s.chars().allMatch(Character::isDigit) && s.length() < 19) {
            return Long.parseLong(s);
        }
        return s;
    }

    private static void findIndexed(String q, ValueIndex index, List<Found> found) {
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(q);
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        int max = Math.max(1, index.maxWords());
        for (int len = Math.min(max, words.size()); len >= 1; len--) {
            for (int i = 0; i + len <= words.size(); i++) {
                int start = words.get(i)[0];
                int end = words.get(i + len - 1)[1];
                if (!free(found, start, end)) {
                    continue;
                }
                String span = q.substring(start, end);
                if (len == 1 && (span.length() < 2 || STOPWORDS.contains(span.toLowerCase(Locale.ROOT))
                        || Character.isLowerCase(span.charAt(0)))) {
                    // a lone lower-case word ("dog", "red") is far more often ordinary language than a value
                    continue;
                }
                if (span.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.' || ch == ',')) {
                    continue;
                }
                Optional<String> column = index.columnFor(span);
                if (column.isPresent()) {
                    found.add(new Found(start, end, SlotKind.STR, span, column.get()));
                }
            }
        }
    }

    private static void findNumbers(String q, List<Found> found) {
        Matcher m = NUMBER.matcher(q);
        while (m.find()) {
            int start = m.start();
            String sign = m.group(1);
            if (sign != null && start > 0 && !Character.isWhitespace(q.charAt(start - 1)) && "(=<>".indexOf(q.charAt(start - 1)) < 0) {
                start++;
                sign = null;
            }
            if (m.group(3) == null && ORDINAL_SUFFIX.matcher(q).region(m.end(), q.length()).lookingAt()) {
                continue;
            }
            if (!free(found, start, m.end())) {
                continue;
            }
            String digits = m.group(2).replace(",", "");
            BigDecimal v = new BigDecimal(digits);
            if ("-".equals(sign)) {
                v = v.negate();
            }
            found.add(new Found(start, m.end(), SlotKind.NUM, v, null));
        }
    }
}
