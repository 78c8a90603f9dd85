package dev.nlsql.nl;

import dev.nlsql.model.nn.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Splits names and questions into comparable word stems (lower case, naive plural folding, synonyms). */
final class NameTokens {

    /** Everyday words for schema words, applied to question tokens. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("song", "track"), Map.entry("tune", "track"), Map.entry("singer", "artist"),
            Map.entry("band", "artist"), Map.entry("musician", "artist"), Map.entry("client", "customer"),
            Map.entry("buyer", "customer"), Map.entry("staff", "employee"), Map.entry("worker", "employee"),
            Map.entry("rep", "employee"), Map.entry("representative", "employee"), Map.entry("purchase", "invoice"),
            Map.entry("bill", "invoice"), Map.entry("vendor", "supplier"), Map.entry("carrier", "shipper"),
            Map.entry("record", "album"), Map.entry("style", "genre"), Map.entry("format", "mediatype"),
            Map.entry("spent", "total"), Map.entry("cost", "price"), Map.entry("long", "millisecond"),
            Map.entry("length", "millisecond"), Map.entry("duration", "millisecond"),
            Map.entry("born", "birthdate"), Map.entry("hired", "hiredate"), Map.entry("boss", "reportsto"),
            Map.entry("manager", "reportsto"), Map.entry("item", "product"), Map.entry("goods", "product"));

    private static final java.util.regex.Pattern CAMEL = java.util.regex.Pattern.compile("([a-z0-9])([A-Z])");
    private static final java.util.regex.Pattern ACRONYM = java.util.regex.Pattern.compile("([A-Z]+)([A-Z][a-z])");
    private static final java.util.regex.Pattern NON_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    private NameTokens() {}

    /** Tokens of an identifier: {@code InvoiceLine} → [invoice, line]; {@code Order Details} → [order, detail]. */
    static List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        String spaced = ACRONYM.matcher(CAMEL.matcher(name).replaceAll("$1 $2")).replaceAll("$1 $2");
        for (String w : NON_WORD.split(spaced.toLowerCase(Locale.ROOT))) {
            if (!w.isEmpty()) {
                out.add(Words.stem(w));
            }
        }
        return out;
    }

    /** Tokens of a question, with placeholders dropped and synonyms mapped. */
    static List<String> questionTokens(String question) {
        List<String> out = new ArrayList<>();
        String q = Placeholders.TOKEN.matcher(question).replaceAll(" ");
        for (String w : NON_WORD.split(q.toLowerCase(Locale.ROOT))) {
            if (w.isEmpty()) {
                continue;
            }
            String s = Words.stem(w);
            out.add(s);
            String syn = SYNONYMS.get(s);
            if (syn != null) {
                out.add(syn);
            }
        }
        return out;
    }
}
