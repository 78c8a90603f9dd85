package dev.nlsql.model.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.sql.CanonicalGrammar;
import dev.nlsql.model.sql.CanonicalGrammar.Status;
import dev.nlsql.model.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecodeConstraintsTest {

    /** singer(0: Singer_ID, 1: Name, 2: Age), concert(0: concert_ID, 1: Singer_ID, 2: Name), stadium(0: Stadium_ID, 1: Name). */
    private static final SchemaContext SCHEMA = new SchemaContext(List.of(
            new SchemaContext.Table("singer", List.of(new SchemaContext.Column("Singer_ID", "number", true),
                    new SchemaContext.Column("Name", "text", false), new SchemaContext.Column("Age", "number", false))),
            new SchemaContext.Table("concert", List.of(new SchemaContext.Column("concert_ID", "number", true),
                    new SchemaContext.Column("Singer_ID", "number", false), new SchemaContext.Column("Venue", "text", false))),
            new SchemaContext.Table("stadium", List.of(new SchemaContext.Column("Stadium_ID", "number", true),
                    new SchemaContext.Column("Name", "text", false)))),
            List.of(new SchemaContext.ForeignKey("concert", "Singer_ID", "singer", "Singer_ID")));

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

    private static Status check(List<SqlToken> q) {
        return CanonicalGrammar.check(q, Set.of(), DecodeConstraints.of(SCHEMA));
    }

    @Test
    void joinsFollowForeignKeysOrSameNamedColumns() {
        // the foreign key, both orders
        assertEquals(Status.COMPLETE, check(toks("SELECT", SqlToken.col(0, 1), "FROM", SqlToken.tab(0), "JOIN",
                SqlToken.tab(1), "ON", SqlToken.col(1, 1), "=", SqlToken.col(0, 0))));
        assertEquals(Status.COMPLETE, check(toks("SELECT", SqlToken.col(0, 1), "FROM", SqlToken.tab(0), "JOIN",
                SqlToken.tab(1), "ON", SqlToken.col(0, 0), "=", SqlToken.col(1, 1))));
        // same-named columns (singer.Name = stadium.Name), not a key
        assertEquals(Status.COMPLETE, check(toks("SELECT", SqlToken.col(0, 1), "FROM", SqlToken.tab(0), "JOIN",
                SqlToken.tab(2), "ON", SqlToken.col(0, 1), "=", SqlToken.col(2, 1))));
        // primary key against primary key: refused as soon as the condition is complete
        assertEquals(Status.INVALID, check(toks("SELECT", SqlToken.col(0, 1), "FROM", SqlToken.tab(0), "JOIN",
                SqlToken.tab(1), "ON", SqlToken.col(0, 0), "=", SqlToken.col(1, 0))));
        // without the restriction the grammar accepts it
        assertEquals(Status.COMPLETE, CanonicalGrammar.check(toks("SELECT", SqlToken.col(0, 1), "FROM", SqlToken.tab(0),
                "JOIN", SqlToken.tab(1), "ON", SqlToken.col(0, 0), "=", SqlToken.col(1, 0)), Set.of()));
    }

    @Test
    void aJoinNeedsAnOnClauseWhenTheSchemaDeclaresForeignKeys() {
        assertEquals(Status.VIABLE, check(toks("SELECT", SqlToken.col(0, 1), "FROM", SqlToken.tab(0), "JOIN", SqlToken.tab(1))));
        assertEquals(Status.INVALID, check(toks("SELECT", SqlToken.col(0, 1), "FROM", SqlToken.tab(0), "JOIN", SqlToken.tab(1),
                "WHERE")));
    }

    @Test
    void withoutForeignKeysAnyJoinPairIsAllowed() {
        SchemaContext noKeys = new SchemaContext(SCHEMA.tables(), List.of());
        assertNull(DecodeConstraints.of(noKeys).joinPairs());
        assertEquals(Status.COMPLETE, CanonicalGrammar.check(toks("SELECT", SqlToken.col(0, 1), "FROM", SqlToken.tab(0),
                "JOIN", SqlToken.tab(1), "ON", SqlToken.col(0, 0), "=", SqlToken.col(1, 0)), Set.of(), DecodeConstraints.of(noKeys)));
    }

    @Test
    void aSelectListDoesNotRepeatAnItem() {
        assertEquals(Status.INVALID, check(toks("SELECT", SqlToken.col(0, 1), ",", SqlToken.col(0, 1), "FROM")));
        assertEquals(Status.INVALID, check(toks("SELECT MAX (", SqlToken.col(0, 2), ") , MAX (", SqlToken.col(0, 2), ") ,")));
        assertEquals(Status.COMPLETE, check(toks("SELECT MAX (", SqlToken.col(0, 2), ") , MIN (", SqlToken.col(0, 2), ") FROM",
                SqlToken.tab(0))));
        // a prefix ending inside the repeated item may still grow into a different one
        assertEquals(Status.VIABLE, check(toks("SELECT", SqlToken.col(0, 2), ",", SqlToken.col(0, 2))));
    }

    @Test
    void numericColumnsAreNotComparedWithTextPlaceholders() {
        assertEquals(Status.INVALID, CanonicalGrammar.check(toks("SELECT", SqlToken.col(0, 1), "FROM", SqlToken.tab(0), "WHERE",
                SqlToken.col(0, 2), "=", SqlToken.ph("__STR_1__")), Set.of("__STR_1__"), DecodeConstraints.of(SCHEMA)));
    }
}
