package dev.nlsql.model.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalGrammarTest {

    private static List<SqlToken> toks(Object... parts) {
        List<SqlToken> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof SqlToken t) {
                out.add(t);
            } else {
                for (String s : ((String) p).split(" ")) {
                    out.add(SqlToken.kw(s));
                }
            }
        }
        return out;
    }

    @Test
    void completeStatementsAndPrefixes() {
        List<SqlToken> q = toks("SELECT COUNT ( * ) FROM", SqlToken.tab(0), "WHERE", SqlToken.col(0, 1), ">", SqlToken.ph("__NUM_1__"));
        assertEquals(CanonicalGrammar.Status.COMPLETE, CanonicalGrammar.check(q, Set.of("__NUM_1__")));
        for (int i = 0; i < q.size(); i++) {
            assertEquals(CanonicalGrammar.Status.VIABLE, CanonicalGrammar.check(q.subList(0, i), Set.of("__NUM_1__")), "prefix " + i);
        }
    }

    @Test
    void placeholdersMustBeUsedAndKnown() {
        List<SqlToken> q = toks("SELECT", SqlToken.col(0, 0), "FROM", SqlToken.tab(0));
        assertEquals(CanonicalGrammar.Status.VIABLE, CanonicalGrammar.check(q, Set.of("__STR_1__")));
        List<SqlToken> bad = toks("SELECT", SqlToken.col(0, 0), "FROM", SqlToken.tab(0), "WHERE", SqlToken.col(0, 0), "=", SqlToken.ph("__STR_9__"));
        assertEquals(CanonicalGrammar.Status.INVALID, CanonicalGrammar.check(bad, Set.of("__STR_1__")));
    }

    @Test
    void columnsMustBelongToTablesInScope() {
        List<SqlToken> q = toks("SELECT", SqlToken.col(1, 0), "FROM", SqlToken.tab(0));
        assertEquals(CanonicalGrammar.Status.VIABLE, CanonicalGrammar.check(q, Set.of()));
        List<SqlToken> joined = toks("SELECT", SqlToken.col(1, 0), "FROM", SqlToken.tab(0), "JOIN", SqlToken.tab(1),
                "ON", SqlToken.col(0, 1), "=", SqlToken.col(1, 1));
        assertEquals(CanonicalGrammar.Status.COMPLETE, CanonicalGrammar.check(joined, Set.of()));
        List<SqlToken> outer = toks("SELECT", SqlToken.col(0, 0), "FROM", SqlToken.tab(0), "WHERE", SqlToken.col(0, 1),
                "NOT IN ( SELECT", SqlToken.col(1, 1), "FROM", SqlToken.tab(1), ")");
        assertEquals(CanonicalGrammar.Status.COMPLETE, CanonicalGrammar.check(outer, Set.of()));
    }

    @Test
    void malformedSequencesAreInvalid() {
        assertEquals(CanonicalGrammar.Status.INVALID, CanonicalGrammar.check(toks("FROM"), Set.of()));
        assertEquals(CanonicalGrammar.Status.INVALID, CanonicalGrammar.check(toks("SELECT", SqlToken.col(0, 0), "FROM", SqlToken.tab(0), ")"), Set.of()));
        assertEquals(CanonicalGrammar.Status.INVALID, CanonicalGrammar.check(toks("SELECT", SqlToken.col(0, 0), "FROM", SqlToken.tab(0), "JOIN", SqlToken.tab(0)), Set.of()));
        assertEquals(CanonicalGrammar.Status.INVALID, CanonicalGrammar.check(toks("SELECT", SqlToken.col(0, 0), "FROM", SqlToken.tab(0), "EOS"), Set.of()));
    }

    @Test
    void aggregateMisuseAndSetOperatorArityAreInvalid() {
        // ORDER BY COUNT(*) without GROUP BY
        assertEquals(CanonicalGrammar.Status.INVALID, CanonicalGrammar.check(
                toks("SELECT", SqlToken.col(0, 0), "FROM", SqlToken.tab(0), "ORDER_BY COUNT"), Set.of()));
        // an aggregate over an outer query's column inside a sub-query
        assertEquals(CanonicalGrammar.Status.INVALID, CanonicalGrammar.check(
                toks("SELECT", SqlToken.col(0, 0), "FROM", SqlToken.tab(0), "WHERE", SqlToken.col(0, 1), "> ( SELECT AVG (",
                        SqlToken.col(0, 1), ") FROM", SqlToken.tab(1), ")"), Set.of()));
        // aggregate in WHERE
        assertEquals(CanonicalGrammar.Status.INVALID, CanonicalGrammar.check(
                toks("SELECT", SqlToken.col(0, 0), "FROM", SqlToken.tab(0), "WHERE COUNT"), Set.of()));
        // two columns INTERSECT one column
        assertEquals(CanonicalGrammar.Status.INVALID, CanonicalGrammar.check(
                toks("SELECT", SqlToken.col(0, 0), ",", SqlToken.col(0, 1), "FROM", SqlToken.tab(0), "INTERSECT SELECT",
                        SqlToken.col(1, 0), "FROM"), Set.of()));
        assertEquals(CanonicalGrammar.Status.COMPLETE, CanonicalGrammar.check(
                toks("SELECT", SqlToken.col(0, 0), "FROM", SqlToken.tab(0), "GROUP_BY", SqlToken.col(0, 0),
                        "ORDER_BY COUNT ( * ) DESC LIMIT N1"), Set.of()));
    }
}
