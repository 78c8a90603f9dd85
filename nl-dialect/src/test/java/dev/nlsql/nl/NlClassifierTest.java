package dev.nlsql.nl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NlClassifierTest {

    private final NlClassifier explicit = new NlClassifier(NlMode.EXPLICIT);
    private final NlClassifier auto = new NlClassifier(NlMode.AUTO);
    private final NlClassifier off = new NlClassifier(NlMode.OFF);

    @Test
    void askAndExplainAskAnyCase() {
        assertEquals(Optional.of(new NlStatement(false, "which customers are in Germany?")),
                explicit.classify("  ASK which customers are in Germany?  "));
        assertEquals(Optional.of(new NlStatement(true, "how many tracks")),
                explicit.classify("explain\n  Ask how many tracks;"));
        assertEquals(Optional.of(new NlStatement(false, "a; b")), explicit.classify("aSk a; b"));
    }

    @Test
    void questionRunsToTheEndIncludingNewlines() {
        assertEquals("first line\nsecond line", explicit.classify("ASK first line\nsecond line").orElseThrow().question());
    }

    @Test
    void sqlAndLookalikesAreNotQuestions() {
        assertTrue(explicit.classify("SELECT ask FROM t").isEmpty());
        assertTrue(explicit.classify("ASKED about it").isEmpty());
        assertTrue(explicit.classify("ASK").isEmpty());
        assertTrue(explicit.classify("EXPLAIN SELECT 1").isEmpty());
        assertTrue(explicit.classify("which customers are in Germany?").isEmpty());
        assertTrue(explicit.classify(null).isEmpty());
    }

    @Test
    void autoModeTreatsNonSqlAsQuestion() {
        assertEquals("which customers are in Germany?", auto.classify("which customers are in Germany?").orElseThrow().question());
        assertTrue(auto.classify("SELECT * FROM Customer WHERE Country = 'Germany'").isEmpty());
        assertTrue(auto.classify("UPDATE t SET a = 1").isEmpty());
        assertTrue(auto.classify("CREATE TABLE x (a INT)").isEmpty());
        assertTrue(auto.classify("ASK how many").orElseThrow().question().equals("how many"));
        assertTrue(auto.classify("show tables").isEmpty());
        assertEquals("show me all customers", auto.classify("show me all customers").orElseThrow().question());
        assertEquals("list the albums", auto.classify("list the albums;").orElseThrow().question());
        assertTrue(auto.classify("select the best albums").isEmpty(), "a SELECT start is SQL without parsing");
        assertTrue(auto.classify("{call p(1)}").isEmpty());
        assertTrue(auto.classify("which ".repeat(500)).isEmpty(), "too long to be a question");
    }

    @Test
    void offModeHasNoQuestions() {
        assertTrue(off.classify("ASK which customers").isEmpty());
        assertTrue(off.classify("which customers are in Germany?").isEmpty());
    }

    @Test
    void modeParsing() {
        assertEquals(NlMode.EXPLICIT, NlMode.parse(null));
        assertEquals(NlMode.AUTO, NlMode.parse(" Auto "));
        assertEquals(NlMode.OFF, NlMode.parse("off"));
        assertThrows(IllegalArgumentException.class, () -> NlMode.parse("sometimes"));
    }

    @Test
    void optionsFromProperties() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("nlsql.mode", "auto");
        p.setProperty("nlsql.nl.candidates", "8");
        p.setProperty("nlsql.nl.values", "false");
        NlOptions o = NlOptions.from(p);
        assertEquals(NlMode.AUTO, o.mode());
        assertEquals(8, o.candidates());
        assertEquals(false, o.valueLinking());
        assertEquals(1000, NlOptions.defaults().cacheSize());
        p.setProperty("nlsql.nl.candidates", "0");
        assertThrows(IllegalArgumentException.class, () -> NlOptions.from(p));
        p.setProperty("nlsql.nl.candidates", "many");
        assertThrows(IllegalArgumentException.class, () -> NlOptions.from(p));
    }
}
