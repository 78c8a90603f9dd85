package dev.nlsql.driver.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The committed Delegating* sources are exactly what the generator produces, and complete. */
class GeneratedDelegatesTest {

    static final List<String> NAMES = List.of("DelegatingConnection", "DelegatingDatabaseMetaData", "DelegatingResultSet",
            "DelegatingStatement", "DelegatingPreparedStatement", "DelegatingCallableStatement");

    @Test
    void committedSourcesMatchTheGenerator() throws Exception {
        Path out = Files.createTempDirectory(Path.of("target"), "gen");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "tools/GenerateDelegates.java", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        for (String n : NAMES) {
            Path rel = Path.of("dev/nlsql/driver/jdbc", n + ".java");
            assertEquals(Files.readString(Path.of("src/main/java").resolve(rel)), Files.readString(out.resolve(rel)),
                    n + " was edited by hand or the generator changed: regenerate with java tools/GenerateDelegates.java src/main/java");
        }
    }

    @Test
    void wrappersImplementEveryInterfaceMethod() {
        for (Class<?> c : List.of(NlsqlConnection.class, NlsqlStatement.class, NlsqlPreparedStatement.class,
                NlsqlCallableStatement.class, NlsqlResultSet.class, NlsqlDatabaseMetaData.class)) {
            java.util.Set<Class<?>> ifaces = new java.util.HashSet<>();
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                for (Class<?> i : k.getInterfaces()) {
                    if (i.getName().startsWith("java.sql.")) {
                        ifaces.add(i);
                    }
                }
            }
            assertFalse(ifaces.isEmpty(), c.getName());
            for (Class<?> iface : ifaces) {
                for (Method m : iface.getMethods()) {
                    if (Modifier.isStatic(m.getModifiers())) {
                        continue;
                    }
                    Method impl = assertDoesNotThrow(() -> c.getMethod(m.getName(), m.getParameterTypes()));
                    assertFalse(Modifier.isAbstract(impl.getModifiers()), c.getSimpleName() + "." + m.getName());
                    assertFalse(impl.getDeclaringClass().isInterface(),
                            c.getSimpleName() + "." + m.getName() + " falls back to the interface's default instead of the target");
                }
            }
        }
    }
}
