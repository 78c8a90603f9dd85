package dev.nlsql.model.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.TranslationRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompletionPromptTest {

    @Test
    void renderThenParseGivesTheRequestBack() {
        String prompt = CompletionPrompt.render(OpenAiProtocolTest.REQUEST);
        assertTrue(prompt.endsWith("[SQL]\n"));
        assertTrue(prompt.contains("__NUM_1__ NUM\n__STR_1__ STR\n"), prompt);
        assertTrue(prompt.contains("Album(AlbumId* INTEGER, Price DECIMAL(10,2), ArtistId INTEGER)"), prompt);
        assertEquals(OpenAiProtocolTest.REQUEST, CompletionPrompt.parse(prompt, 1));
        TranslationRequest none = new TranslationRequest(OpenAiProtocolTest.SCHEMA, "how many?", Map.of(), "h2", 2);
        assertEquals(none, CompletionPrompt.parse(CompletionPrompt.render(none), 2));
    }

    @Test
    void foreignPromptsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CompletionPrompt.parse("Translate: how many singers?", 1));
    }

    @Test
    void sqlExtraction() {
        assertEquals("SELECT 1", SqlExtraction.firstStatement(" SELECT 1;\nSELECT 2;"));
        assertEquals("SELECT ';' FROM t", SqlExtraction.firstStatement("SELECT ';' FROM t; DROP TABLE t"));
        assertEquals("SELECT a FROM t", SqlExtraction.firstStatement("Here you go:\n```sql\nSELECT a FROM t\n```\nDone"));
        assertEquals("SELECT a FROM t", SqlExtraction.firstStatement("[SQL] SELECT a FROM t [/SQL] trailing"));
        assertEquals("", SqlExtraction.firstStatement(null));
    }
}
