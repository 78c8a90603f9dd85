package dev.nlsql.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nlsql.policy.Engine;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The engines column of {@code functions/deny.txt}. */
class FunctionRulesTest {

    @Test
    void engineListsOfTheDenyList() {
        assertEquals(EnumSet.allOf(Engine.class), FunctionRules.engines("all"));
        assertEquals(EnumSet.complementOf(EnumSet.of(Engine.SQLITE)), FunctionRules.engines("all but sqlite"));
        assertEquals(EnumSet.of(Engine.H2, Engine.SQLSERVER, Engine.POSTGRESQL, Engine.GENERIC),
                FunctionRules.engines(" All but sqlite, duckdb "));
        assertEquals(EnumSet.of(Engine.DUCKDB, Engine.H2), FunctionRules.engines("duckdb,h2"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FunctionRules.engines("all but sqlit"));
        assertEquals("deny.txt: unknown engine 'sqlit' in 'all but sqlit'", e.getMessage());
    }
}
