package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's lifecycle on a real embedded H2 store: handles on one URL share an engine; the
 * last handle closed writes what is queued, ends the writer and pool threads and, when no other
 * engine is open, removes the JVM shutdown hook; opening again registers it again. Other test
 * classes in the JVM may hold engines of their own, so counts are compared with the state before.
 */
class StoreLifecycleTest {
    @TempDir
    Path tmp;

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    void lastHandleStopsWriterAndRemovesTheShutdownHook() throws Exception {
        Properties p = new Properties();
        p.setProperty(StoreOptions.HOME, tmp.toString());
        int enginesBefore = ProvenanceStores.openEngines();
        long writersBefore = threads("nlsql-provenance-writer");

        JdbcProvenanceStore a = (JdbcProvenanceStore) ProvenanceStores.open(p);
        JdbcProvenanceStore b = (JdbcProvenanceStore) ProvenanceStores.open(p);
        assertEquals(enginesBefore + 1, ProvenanceStores.openEngines(), "two handles, one engine");
        assertTrue(ProvenanceStores.shutdownHookRegistered());
        assertEquals(writersBefore + 1, threads("nlsql-provenance-writer"));
        for (int i = 0; i < 2000; i++) {
            (i % 2 == 0 ? a : b).append(StoreTest.sample(i));
        }
        a.close();
        assertEquals(enginesBefore + 1, ProvenanceStores.openEngines(), "one handle still open");
        assertTrue(ProvenanceStores.shutdownHookRegistered());
        b.close(); // queued records written, then the writer stops

        assertEquals(enginesBefore, ProvenanceStores.openEngines());
        assertEquals(writersBefore, threads("nlsql-provenance-writer"), "writer ended with the last handle");
        if (enginesBefore == 0) {
            assertFalse(ProvenanceStores.shutdownHookRegistered(), "hook removed with the last engine");
            assertEquals(0, threads("nlsql-provenance"), "no store thread (writer, HikariCP) left");
        }

        try (JdbcProvenanceStore again = (JdbcProvenanceStore) ProvenanceStores.open(p)) {
            assertTrue(ProvenanceStores.shutdownHookRegistered(), "registered again on the next open");
            assertEquals(2000, again.count(), "every record appended before the close is stored");
        }
    }
}
