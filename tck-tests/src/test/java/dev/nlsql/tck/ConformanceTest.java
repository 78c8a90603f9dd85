package dev.nlsql.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The JDBC conformance suite: every case of {@link ConformanceCases} on SQLite, DuckDB, H2 and
 * PostgreSQL, first on the raw driver (checked against the fixture), then through
 * {@code jdbc:nlsql:} with {@code nlsql.policy.mode=audit} (checked against the raw answer of
 * the same run, or the documented {@link IntendedDifferences}). Prints the pass counts per
 * engine and writes them to {@code target/tck-summary.txt}.
 *
 * <p>Other policy modes: a subclass overrides {@link #policyMode()} and
 * {@link #intendedDifference(String, Engine)} (e.g. a read-only pass with its own list).
 *
 * <p>Control run: {@code -Dnlsql.tck.control=true} puts a second raw connection where nlsql
 * would be, to show that the suite itself finds no difference between two raw runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceTest {

    private final Map<Engine, TckDatabase> databases = new EnumMap<>(Engine.class);
    private final Map<Engine, Side> rawSides = new EnumMap<>(Engine.class);
    private final Map<Engine, Side> nlsqlSides = new EnumMap<>(Engine.class);
    private final Map<Engine, SQLException> setupFailures = new EnumMap<>(Engine.class);
    private final Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The engines this suite runs on. */
    protected List<Engine> engines() {
        return List.of(Engine.values());
    }

    /** A fresh database for the engine (the small fixture here). */
    protected TckDatabase createDatabase(Engine engine) throws SQLException {
        return TckDatabase.create(engine);
    }

    /** The cases run on the engine. */
    protected List<ConformanceCase> cases(Engine engine) {
        return ConformanceCases.all();
    }

    /** Name in the summary and in {@code target/tck-summary-<name>.txt}. */
    protected String suiteName() {
        return "fixture-" + policyMode();
    }

    @BeforeAll
    void createDatabases() {
        for (Engine e : engines()) {
            try {
                TckDatabase db = createDatabase(e);
                databases.put(e, db);
                rawSides.put(e, new Side(Side.Kind.RAW, db));
                nlsqlSides.put(e, new Side(Boolean.getBoolean("nlsql.tck.control") ? Side.Kind.CONTROL
                        : Side.Kind.NLSQL, db, policyMode()));
            } catch (SQLException ex) {
                setupFailures.put(e, ex);
            }
        }
    }

    /** The {@code nlsql.policy.mode} of the nlsql side: {@code audit} here. */
    protected String policyMode() {
        return "audit";
    }

    /** Where nlsql differs from the raw driver on purpose in this mode (see {@link IntendedDifferences}). */
    protected java.util.Optional<IntendedDifferences.Expectation> intendedDifference(String caseName, Engine engine) {
        return IntendedDifferences.forCase(caseName, engine);
    }

    /**
     * Whether the raw and nlsql sides of this engine cannot be open at the same time in one JVM:
     * then every case runs raw first, the raw connection is closed, and every case runs through
     * nlsql afterwards. False here; DuckDB in the non-audit modes needs it (its file cannot be
     * open in the raw driver's instance while nlsql attaches it read-only in its own).
     */
    protected boolean sidesOneAfterTheOther(Engine engine) {
        return false;
    }

    @TestFactory
    Stream<DynamicNode> conformance() {
        return engines().stream().map(engine -> {
            if (sidesOneAfterTheOther(engine) && !Boolean.getBoolean("nlsql.tck.control")) {
                Stream<DynamicNode> raw = cases(engine).stream().map(c -> DynamicContainer.dynamicContainer(c.name(),
                        Stream.of(DynamicTest.dynamicTest("raw", () -> runRaw(engine, c)))));
                Stream<DynamicNode> release = Stream.of(DynamicTest.dynamicTest("close raw connection",
                        () -> closeQuietly(rawSides.get(engine))));
                Stream<DynamicNode> nlsql = cases(engine).stream().map(c -> DynamicContainer.dynamicContainer(c.name(),
                        Stream.of(DynamicTest.dynamicTest("nlsql", () -> runNlsql(engine, c)))));
                return DynamicContainer.dynamicContainer(engine.id, Stream.of(raw, release, nlsql).flatMap(x -> x));
            }
            return DynamicContainer.dynamicContainer(engine.id,
                    cases(engine).stream().map(c -> DynamicContainer.dynamicContainer(c.name(), Stream.of(
                            DynamicTest.dynamicTest("raw", () -> runRaw(engine, c)),
                            DynamicTest.dynamicTest("nlsql", () -> runNlsql(engine, c))))));
        });
    }

    private final Map<String, String> rawAnswers = new java.util.concurrent.ConcurrentHashMap<>();

    private void runRaw(Engine engine, ConformanceCase c) throws Exception {
        count(engine, "raw", () -> {
            String answer = observe(rawSides, engine, c);
            rawAnswers.put(engine + "/" + c.name(), answer);
            c.rawCheck().check(answer, databases.get(engine));
        }, c.name());
    }

    private void runNlsql(Engine engine, ConformanceCase c) throws Exception {
        count(engine, "nlsql", () -> {
            String raw = rawAnswers.get(engine + "/" + c.name());
            if (raw == null && sidesOneAfterTheOther(engine)) {
                throw new AssertionError("no raw answer to compare with (the raw side of this case failed)");
            }
            if (raw == null) {
                raw = observe(rawSides, engine, c);
            }
            String nlsql = observe(nlsqlSides, engine, c);
            String expected = nlsqlSides.get(engine).kind == Side.Kind.CONTROL ? raw
                    : intendedDifference(c.name(), engine)
                    .map(x -> x.expected(rawAnswers.get(engine + "/" + c.name()), databases.get(engine)))
                    .orElse(raw);
            String diff = Dump.firstDifference(expected, nlsql);
            assertEquals(expected, nlsql, () -> engine.id + "/" + c.name() + " differs at " + diff);
        }, c.name());
    }

    private String observe(Map<Engine, Side> sides, Engine engine, ConformanceCase c) throws Exception {
        SQLException setup = setupFailures.get(engine);
        if (setup != null) {
            throw new AssertionError("could not create the " + engine.id + " fixture database: " + setup, setup);
        }
        return c.probe().observe(sides.get(engine));
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private void count(Engine engine, String side, Body body, String caseName) throws Exception {
        counts.computeIfAbsent(engine.id + "/" + side + "/total", k -> new AtomicInteger()).incrementAndGet();
        try {
            body.run();
            counts.computeIfAbsent(engine.id + "/" + side + "/pass", k -> new AtomicInteger()).incrementAndGet();
        } catch (Exception | AssertionError e) {
            String msg = String.valueOf(e.getMessage());
            failures.add(engine.id + " " + side + " " + caseName + ": " + msg.lines().findFirst().orElse(""));
            throw e;
        }
    }

    @AfterAll
    void report() throws IOException, SQLException {
        StringBuilder sb = new StringBuilder("nlsql JDBC conformance, " + suiteName()
                + ", policy mode " + policyMode() + " (cases passed / run)\n");
        for (Engine e : engines()) {
            String label = Boolean.getBoolean("nlsql.tck.control") ? "control (raw again)"
                    : "nlsql (" + policyMode() + ")";
            sb.append(String.format("  %-10s raw %3d/%-3d  %s %3d/%-3d%n", e.id,
                    get(e, "raw", "pass"), get(e, "raw", "total"), label, get(e, "nlsql", "pass"), get(e, "nlsql", "total")));
        }
        if (!failures.isEmpty()) {
            sb.append("failures:\n");
            failures.stream().sorted().forEach(f -> sb.append("  ").append(f).append('\n'));
        }
        System.out.print(sb);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("tck-summary-" + suiteName() + ".txt"), sb.toString());
        }
        for (Side s : rawSides.values()) {
            closeQuietly(s);
        }
        for (Side s : nlsqlSides.values()) {
            closeQuietly(s);
        }
        for (TckDatabase db : databases.values()) {
            db.close();
        }
    }

    private static void closeQuietly(Side s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (SQLException e) {
            System.err.println("closing " + s.url() + ": " + e);
        }
    }

    private int get(Engine e, String side, String what) {
        AtomicInteger n = counts.get(e.id + "/" + side + "/" + what);
        return n == null ? 0 : n.get();
    }
}
