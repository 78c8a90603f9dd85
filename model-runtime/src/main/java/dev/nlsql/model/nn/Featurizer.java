package dev.nlsql.model.nn;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.sql.Keywords;
import dev.nlsql.model.sql.SqlToken;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Turns (schema, masked question) into the model's input positions, with name-based schema
 * linking (question words that match schema words, and schema items whose words occur in the
 * question, are tagged, as in RAT-SQL's name-based linking, Wang et al., ACL 2020) and pruning of
 * unlinked columns when the schema does not fit {@link ModelConfig#maxPrefix()}.
 *
 * <p>Layout: {@code [CLS] question [SEP] ([TAB] table-words ([COL] column-words)*)*}. Marker
 * positions ({@code [TAB]}, {@code [COL]}) and placeholder positions are the pointer targets.
 */
public final class Featurizer {

    public static final int PAD = 0;
    public static final int CLS = 1;
    public static final int SEP = 2;
    public static final int Q_WORD = 3;
    public static final int S_WORD = 4;
    public static final int TAB_MARK = 5;
    /** Column markers: COL_TEXT + type class (0 text, 1 number, 2 time, 3 boolean, 4 other). */
    public static final int COL_TEXT = 6;
    /** Placeholders: PH_STR + kind (0 STR, 1 NUM, 2 DATE, 3 ID). */
    public static final int PH_STR = 11;
    public static final int SQL_BOS = 15;
    public static final int PTR_TAB = 16;
    public static final int PTR_COL = 17;
    public static final int PTR_PH = 18;
    /** Keyword k of the SQL input is special id KW_BASE + k. */
    public static final int KW_BASE = 19;

    /** Number of special ids. */
    public static int specialCount() {
        return KW_BASE + Keywords.size();
    }

    private static final List<String> KINDS = List.of("STR", "NUM", "DATE", "ID");

    private final ModelConfig cfg;

    public Featurizer(ModelConfig cfg) {
        this.cfg = cfg;
    }

    /** Map key of a pointer token. */
    public static String key(SqlToken t) {
        return switch (t.type()) {
            case TAB -> "T:" + t.table();
            case COL -> "C:" + t.table() + "." + t.column();
            case PH -> "P:" + t.placeholder();
            default -> throw new IllegalArgumentException("not a pointer: " + t);
        };
    }

    /** Type class of an engine or Spider type name: 0 text, 1 number, 2 time, 3 boolean, 4 other. */
    public static int typeClass(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (t.contains("bool") || t.equals("bit")) {
            return 3;
        }
        if (t.contains("date") || t.contains("time") || t.contains("year")) {
            return 2;
        }
        if (t.contains("char") || t.contains("text") || t.contains("clob") || t.contains("string")) {
            return 0;
        }
        if (t.contains("int") || t.contains("num") || t.contains("dec") || t.contains("real") || t.contains("float")
                || t.contains("double") || t.contains("money")) {
            return 1;
        }
        return 4;
    }

    /**
     * Encodes an input.
     *
     * @param schema the schema
     * @param question the masked question
     * @param mustKeep pointer keys ({@link #key(SqlToken)}) that pruning must keep (training: the gold
     *     query's items); empty at run time
     * @return the encoding, or null when even the kept items do not fit
     */
    public Encoded encode(SchemaContext schema, String question, Set<String> mustKeep) {
        List<String> qWords = Words.split(question);
        if (qWords.size() > cfg.maxPrefix() / 3) {
            qWords = qWords.subList(0, cfg.maxPrefix() / 3);
        }
        Set<String> qStems = new HashSet<>();
        for (String w : qWords) {
            if (!w.startsWith("__") && !Words.isStopword(w)) {
                qStems.add(Words.stem(w));
            }
        }
        List<List<String>> tWords = new ArrayList<>();
        List<List<List<String>>> cWords = new ArrayList<>();
        Set<String> sStems = new HashSet<>();
        for (SchemaContext.Table t : schema.tables()) {
            List<String> tw = Words.split(t.name());
            tWords.add(tw);
            tw.forEach(w -> sStems.add(Words.stem(w)));
            List<List<String>> cw = new ArrayList<>();
            for (SchemaContext.Column c : t.columns()) {
                List<String> ws = Words.split(c.name());
                cw.add(ws);
                ws.forEach(w -> sStems.add(Words.stem(w)));
            }
            cWords.add(cw);
        }
        Set<String> fkCols = new HashSet<>();
        for (SchemaContext.ForeignKey fk : schema.foreignKeys()) {
            fkCols.add((fk.fromTable() + "." + fk.fromColumn()).toLowerCase(Locale.ROOT));
            fkCols.add((fk.toTable() + "." + fk.toColumn()).toLowerCase(Locale.ROOT));
        }

        // pruning: drop the least linked columns until the prefix fits
        int length = 2 + qWords.size();
        List<int[]> droppable = new ArrayList<>();
        boolean[][] keep = new boolean[schema.tables().size()][];
        for (int t = 0; t < schema.tables().size(); t++) {
            length += 1 + tWords.get(t).size();
            keep[t] = new boolean[schema.tables().get(t).columns().size()];
            for (int c = 0; c < keep[t].length; c++) {
                keep[t][c] = true;
                length += 1 + cWords.get(t).get(c).size();
                if (mustKeep.contains("C:" + t + "." + c)) {
                    continue;
                }
                SchemaContext.Column col = schema.tables().get(t).columns().get(c);
                int score = 10 * link(cWords.get(t).get(c), qStems) + 5 * link(tWords.get(t), qStems)
                        + (col.primaryKey() ? 4 : 0)
                        + (fkCols.contains((schema.tables().get(t).name() + "." + col.name()).toLowerCase(Locale.ROOT)) ? 3 : 0);
                droppable.add(new int[] {score, t, c});
            }
        }
        droppable.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0])
                : a[1] != b[1] ? Integer.compare(b[1], a[1]) : Integer.compare(b[2], a[2]));
        for (int[] d : droppable) {
            if (length <= cfg.maxPrefix()) {
                break;
            }
            keep[d[1]][d[2]] = false;
            length -= 1 + cWords.get(d[1]).get(d[2]).size();
        }
        if (length > cfg.maxPrefix()) {
            return null;
        }

        List<Integer> special = new ArrayList<>();
        List<Integer> tag = new ArrayList<>();
        List<int[]> feats = new ArrayList<>();
        Map<Integer, Map<Integer, Float>> mix = new HashMap<>();
        List<Integer> pointers = new ArrayList<>();
        Map<Integer, SqlToken> pointerToken = new HashMap<>();
        Map<String, Integer> positionOf = new LinkedHashMap<>();
        int[] none = new int[cfg.featuresPerWord()];

        special.add(CLS);
        tag.add(0);
        feats.add(none);
        for (String w : qWords) {
            Matcher m = Words.PLACEHOLDER.matcher(w);
            if (m.matches()) {
                int pos = special.size();
                special.add(PH_STR + KINDS.indexOf(m.group(1)));
                tag.add(Math.min(15, Integer.parseInt(m.group(2))));
                feats.add(none);
                if (!positionOf.containsKey("P:" + w)) {
                    pointers.add(pos);
                    pointerToken.put(pos, SqlToken.ph(w));
                    positionOf.put("P:" + w, pos);
                }
            } else {
                special.add(Q_WORD);
                String s = Words.stem(w);
                int l = 0;
                if (!Words.isStopword(w)) {
                    if (sStems.contains(s)) {
                        l = 2;
                    } else if (s.length() >= 4) {
                        for (String x : sStems) {
                            if (x.length() >= 4 && (x.startsWith(s) || s.startsWith(x))) {
                                l = 1;
                                break;
                            }
                        }
                    }
                }
                tag.add(l);
                feats.add(Words.features(w, cfg.featuresPerWord(), cfg.buckets()));
            }
        }
        special.add(SEP);
        tag.add(0);
        feats.add(none);
        for (int t = 0; t < schema.tables().size(); t++) {
            int tPos = special.size();
            special.add(TAB_MARK);
            tag.add(4 * link(tWords.get(t), qStems));
            feats.add(none);
            List<Integer> tWordPos = new ArrayList<>();
            for (String w : tWords.get(t)) {
                tWordPos.add(special.size());
                special.add(S_WORD);
                tag.add(qStems.contains(Words.stem(w)) ? 2 : 0);
                feats.add(Words.features(w, cfg.featuresPerWord(), cfg.buckets()));
            }
            Map<Integer, Float> tMix = new TreeMap<>();
            tWordPos.forEach(p -> tMix.merge(p, 1f / tWordPos.size(), Float::sum));
            mix.put(tPos, tMix);
            pointers.add(tPos);
            pointerToken.put(tPos, SqlToken.tab(t));
            positionOf.put("T:" + t, tPos);
            SchemaContext.Table table = schema.tables().get(t);
            for (int c = 0; c < table.columns().size(); c++) {
                if (!keep[t][c]) {
                    continue;
                }
                SchemaContext.Column col = table.columns().get(c);
                int cPos = special.size();
                special.add(COL_TEXT + typeClass(col.type()));
                int flags = (col.primaryKey() ? 1 : 0)
                        + (fkCols.contains((table.name() + "." + col.name()).toLowerCase(Locale.ROOT)) ? 2 : 0);
                tag.add(4 * link(cWords.get(t).get(c), qStems) + flags);
                feats.add(none);
                List<Integer> cWordPos = new ArrayList<>();
                for (String w : cWords.get(t).get(c)) {
                    cWordPos.add(special.size());
                    special.add(S_WORD);
                    tag.add(qStems.contains(Words.stem(w)) ? 2 : 0);
                    feats.add(Words.features(w, cfg.featuresPerWord(), cfg.buckets()));
                }
                Map<Integer, Float> cMix = new TreeMap<>(tMix);
                cWordPos.forEach(p -> cMix.merge(p, 1f / cWordPos.size(), Float::sum));
                mix.put(cPos, cMix);
                pointers.add(cPos);
                pointerToken.put(cPos, SqlToken.col(t, c));
                positionOf.put("C:" + t + "." + c, cPos);
            }
        }
        return new Encoded(special.stream().mapToInt(Integer::intValue).toArray(),
                tag.stream().mapToInt(Integer::intValue).toArray(), feats.toArray(new int[0][]), mix,
                pointers.stream().mapToInt(Integer::intValue).toArray(), pointerToken, positionOf);
    }

    /** 2 if every content word of the name occurs in the question, 1 if some does, else 0. */
    private static int link(List<String> words, Set<String> qStems) {
        int hit = 0;
        int content = 0;
        for (String w : words) {
            if (Words.isStopword(w)) {
                continue;
            }
            content++;
            if (qStems.contains(Words.stem(w))) {
                hit++;
            }
        }
        return content == 0 || hit == 0 ? 0 : hit == content ? 2 : 1;
    }

    /**
     * The model's SQL-side input for a token prefix: special ids (starting with {@code SQL_BOS}) and,
     * per position, the prefix positions whose input embeddings are mixed in (a pointer token takes
     * its target marker's mix plus the marker itself).
     *
     * @param enc the prefix encoding
     * @param tokens SQL tokens so far
     * @param special out: {@code tokens.size() + 1} special ids
     * @param mixRows out: one mix row per SQL position
     */
    public static void sqlInput(Encoded enc, List<SqlToken> tokens, int[] special, List<Map<Integer, Float>> mixRows) {
        special[0] = SQL_BOS;
        mixRows.add(Map.of());
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.type() == SqlToken.Type.KW) {
                special[i + 1] = KW_BASE + t.keyword();
                mixRows.add(Map.of());
                continue;
            }
            int pos = enc.positionOf().get(key(t));
            special[i + 1] = t.type() == SqlToken.Type.TAB ? PTR_TAB : t.type() == SqlToken.Type.COL ? PTR_COL : PTR_PH;
            Map<Integer, Float> row = new TreeMap<>(enc.mix().getOrDefault(pos, Map.of()));
            row.merge(pos, 1f, Float::sum);
            mixRows.add(row);
        }
    }

    /**
     * Training targets: for each SQL input position, the index of the next token in the output
     * space {@code [keywords | prefix positions]} (EOS last).
     *
     * @return targets, or null when a pointer target was pruned away
     */
    public static int[] targets(Encoded enc, List<SqlToken> tokens) {
        int[] out = new int[tokens.size() + 1];
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.type() == SqlToken.Type.KW) {
                out[i] = t.keyword();
            } else {
                Integer pos = enc.positionOf().get(key(t));
                if (pos == null) {
                    return null;
                }
                out[i] = Keywords.size() + pos;
            }
        }
        out[tokens.size()] = Keywords.EOS;
        return out;
    }
}
