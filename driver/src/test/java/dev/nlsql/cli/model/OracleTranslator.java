package dev.nlsql.cli.model;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.TranslationException;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.Translator;
import dev.nlsql.model.eval.SpiderExample;
import dev.nlsql.model.vault.MaskedQuestion;
import dev.nlsql.model.vault.Slot;
import dev.nlsql.model.vault.SlotKind;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test translator that answers with the gold SQL, its literals replaced by the placeholders the
 * vault gave the question (so the harness must bind them right to score): checks the harness,
 * not a model.
 */
final class OracleTranslator implements Translator {

    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'|\"([^\"]*)\"|(?<![\\w.])(\\d+(?:\\.\\d+)?)(?![\\w.])");

    private final Map<String, String> byMaskedQuestion = new HashMap<>();

    /** Registers the answer for one question. */
    void learn(SpiderExample e, MaskedQuestion masked) {
        byMaskedQuestion.put(masked.text(), maskGold(e.query(), masked));
    }

    static String maskGold(String gold, MaskedQuestion masked) {
        Matcher m = LITERAL.matcher(gold);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group();
            String text = m.group(1) != null ? m.group(1).replace("''", "'") : m.group(2);
            if (text != null) {
                String core = text.replaceAll("^%|%$", "");
                String prefix = text.startsWith("%") ? "%" : "";
                String suffix = text.endsWith("%") && text.length() > 1 ? "%" : "";
                String ph = find(masked, SlotKind.STR, core);
                if (ph != null) {
                    replacement = prefix.isEmpty() && suffix.isEmpty() ? ph : "'" + prefix + ph + suffix + "'";
                }
            } else {
                String ph = find(masked, SlotKind.NUM, m.group(3));
                if (ph != null) {
                    replacement = ph;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String find(MaskedQuestion masked, SlotKind kind, String literal) {
        for (Map.Entry<String, Slot> s : masked.slots().entrySet()) {
            Slot slot = s.getValue();
            if (slot.kind() != kind) {
                continue;
            }
            if (kind == SlotKind.NUM && slot.value() instanceof BigDecimal d && d.compareTo(new BigDecimal(literal)) == 0) {
                return s.getKey();
            }
            if (kind == SlotKind.STR && String.valueOf(slot.value()).toLowerCase(Locale.ROOT).equals(literal.toLowerCase(Locale.ROOT))) {
                return s.getKey();
            }
        }
        return null;
    }

    @Override
    public List<Candidate> translate(TranslationRequest request) throws TranslationException {
        String sql = byMaskedQuestion.get(request.question());
        return sql == null ? List.of() : List.of(new Candidate(sql, 0));
    }

    @Override
    public ModelIdentity identity() {
        return new ModelIdentity("oracle-test", "00".repeat(32), "gold");
    }
}
