package dev.nlsql.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.junit.jupiter.api.Test;

/** The per-thread Calcite parser reads every statement exactly as a new {@code SqlParser} does. */
class ReusableParserTest {

    private static final SqlParser.Config CORE = SqlParser.config().withConformance(SqlConformanceEnum.LENIENT)
            .withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false);
    private static final SqlParser.Config BRACKETS = CORE.withQuoting(Quoting.BRACKET);

    private static final List<String> SQL = List.of(
            "SELECT a, ? FROM t WHERE b = ? ORDER BY 1",
            "SELECT \"Mixed Case\" FROM \"t\"",
            "WITH x AS (SELECT 1 AS a) SELECT a FROM x UNION ALL SELECT 2",
            "VALUES (1, 'it''s'), (2, 'b')",
            "SELECT 1; SELECT 2",
            "SELECT ROW(1, 2), CAST(? AS INTEGER) FROM t");

    @Test
    void sameTreesAsAFreshParserAfterErrorsAndAcrossReplacements() throws Exception {
        for (int round = 0; round < ReusableParser.MAX_USES / SQL.size() + 2; round++) {
            for (String s : SQL) {
                assertEquals(SqlParser.create(s, CORE).parseStmtList().toString(),
                        ReusableParser.parseOnce(s, CORE).toString(), s);
            }
            if (round % 50 == 0) {
                // a lexical error (TokenMgrError in JavaCC) and a syntax error: both are parse errors
                assertThrows(SqlParseException.class, () -> ReusableParser.parseOnce("SELECT a ~ b FROM t", CORE));
                assertThrows(SqlParseException.class, () -> ReusableParser.parseOnce("SELECT ROW(* FROM t", CORE));
                assertThrows(SqlParseException.class, () -> ReusableParser.parseOnce("SELECT 'unclosed", CORE));
            }
        }
    }

    @Test
    void theQuotingOfTheGivenConfigurationApplies() throws Exception {
        assertEquals(SqlParser.create("SELECT [a b] FROM [t]", BRACKETS).parseStmtList().toString(),
                ReusableParser.parseOnce("SELECT [a b] FROM [t]", BRACKETS).toString());
        assertThrows(SqlParseException.class, () -> ReusableParser.parseOnce("SELECT [a b] FROM [t]", CORE));
        assertEquals(SqlParser.create("SELECT \"a b\" FROM t", CORE).parseStmtList().toString(),
                ReusableParser.parseOnce("SELECT \"a b\" FROM t", CORE).toString());
    }
}
