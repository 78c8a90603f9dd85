package dev.nlsql.nl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import dev.nlsql.model.vault.Slot;
import dev.nlsql.policy.Engine;
import dev.nlsql.provenance.SchemaSnapshot;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.util.TablesNamesFinder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema linking on the question sets: with the default budget (or {@code -Dnlsql.nl.link.*}),
 * the linked schema must contain every table the gold SQL reads (recall); prints how many tables
 * it shows.
 */
class LinkingRecallTest {

    @ParameterizedTest
    @ValueSource(strings = {"chinook", "northwind"})
    void linkedSchemaHoldsEveryGoldTable(String name) throws Exception {
        QuestionSet set = QuestionSet.load(name);
        NlOptions o = NlOptions.from(System.getProperties());
        List<String> misses = new ArrayList<>();
        int linkedTables = 0;
        int schemaTables;
        try (Connection c = TestDatabases.openSqlite(TestDatabases.shared().resolve(set.path()))) {
            SchemaSnapshot schema = TestDatabases.snapshot(c);
            schemaTables = schema.tables().size();
            JdbcValueIndex values = JdbcValueIndex.build(c, schema, Engine.SQLITE, o.valuesPerColumn(), o.valuesTotal(),
                    o.valueMaxLength());
            SchemaLinker linker = new SchemaLinker(schema, o.maxTables(), o.maxColumns());
            for (QuestionSet.Item q : set.questions()) {
                MaskedQuestion m = IdVault.mask(q.question(), List.of(), values);
                List<String> hints = new ArrayList<>();
                for (Slot s : m.slots().values()) {
                    if (s.value() instanceof String text) {
                        hints.addAll(values.columnsFor(text));
                    }
                }
                SchemaContext ctx = linker.link(m.text(), hints);
                Set<String> linked = new HashSet<>();
                ctx.tables().forEach(t -> linked.add(t.name().toLowerCase(Locale.ROOT)));
                linkedTables += linked.size();
                Set<String> gold = new HashSet<>();
                for (String t : new TablesNamesFinder<Void>().getTables(CCJSqlParserUtil.parse(q.sql()))) {
                    gold.add(SqlNames.unquote(t).toLowerCase(Locale.ROOT));
                }
                gold.removeAll(linked);
                if (!gold.isEmpty()) {
                    misses.add(q.id() + " '" + m.text() + "' lacks " + gold + " (linked " + linked + ")");
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s linking: %d/%d questions with every gold table, %.1f tables linked on average of %d%n",
                name, set.questions().size() - misses.size(), set.questions().size(),
                (double) linkedTables / set.questions().size(), schemaTables);
        assertEquals(List.of(), misses);
    }
}
