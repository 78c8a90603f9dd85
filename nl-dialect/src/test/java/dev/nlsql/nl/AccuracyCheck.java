package dev.nlsql.nl;

import dev.nlsql.policy.SqlPolicy;

import dev.nlsql.model.Translator;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.StatementPolicy;
import dev.nlsql.provenance.SchemaSnapshot;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Execution accuracy of a {@link Translator} on this module's own question sets (Chinook and
 * Northwind, {@code src/test/resources/questions}), through the whole NL dialect: ID vault,
 * schema linking, validation, binding, execution on the real SQLite database, comparison with
 * the gold query's rows ({@link ResultRows}). Reports figures; asserts nothing.
 *
 * <p>Run with the shipped model once it exists:
 * <pre>
 * ./mvnw -B -o -q -pl nl-dialect -am test-compile
 * java -cp "$(cat nl-dialect/target/test-classpath.txt)" dev.nlsql.nl.AccuracyCheck --translator com.example.MyTranslator
 * </pre>
 * or set {@code -Dnlsql.accuracy.translator=<class>} on {@code ModelAccuracyTest}. The
 * translator is named {@code Class#factory()} or {@code Class#factory(n)} (a public static
 * method with no argument or one {@code int}, e.g.
 * {@code dev.nlsql.model.DjlTranslator#fromClasspath(4)}), or by a class with a public
 * no-argument constructor or static no-argument {@code load()}, {@code open()} or
 * {@code create()}; without {@code --translator} the first {@link ServiceLoader} provider of
 * {@link Translator} is used.
 */
public final class AccuracyCheck {

    /** One question's outcome. */
    record Outcome(String id, String question, String masked, String sql, String source, boolean valid,
            boolean correct, String error, double translationMs) {}

    /** A set's figures. */
    record Report(String set, List<Outcome> outcomes) {
        long valid() {
            return outcomes.stream().filter(Outcome::valid).count();
        }

        long correct() {
            return outcomes.stream().filter(Outcome::correct).count();
        }

        double accuracy() {
            return outcomes.isEmpty() ? 0 : (double) correct() / outcomes.size();
        }

        double p50Ms() {
            List<Double> ms = new ArrayList<>(outcomes.stream().map(Outcome::translationMs).sorted().toList());
            return ms.isEmpty() ? 0 : ms.get(ms.size() / 2);
        }

        String summary() {
            return String.format(java.util.Locale.ROOT,
                    "%s: %d questions, %d valid SQL, %d correct results: execution accuracy %.1f%%, translation p50 %.1f ms",
                    set, outcomes.size(), valid(), correct(), 100 * accuracy(), p50Ms());
        }
    }

    private AccuracyCheck() {}

    /** Runs one question set with a fresh NL dialect (empty cache) around {@code translator}. */
    static Report run(String setName, Translator translator, StatementPolicy policy) throws Exception {
        return run(setName, translator, policy, NlOptions.defaults());
    }

    /** Runs one question set with options (e.g. from {@code -Dnlsql.nl.link.maxTables=4}). */
    static Report run(String setName, Translator translator, StatementPolicy policy, NlOptions options) throws Exception {
        QuestionSet set = QuestionSet.load(setName);
        List<Outcome> out = new ArrayList<>();
        try (Connection c = TestDatabases.openSqlite(TestDatabases.shared().resolve(set.path()))) {
            SchemaSnapshot schema = TestDatabases.snapshot(c);
            NlContext ctx = new NlContext(Engine.SQLITE, schema, policy, c);
            NlDialect dialect = new NlDialect(options, translator, TranslationCache.none(), null);
            for (QuestionSet.Item q : set.questions()) {
                List<List<Object>> gold = NlDialectTest.query(c, q.sql());
                NlPlan plan;
                try {
                    plan = dialect.plan(new NlStatement(true, q.question()), List.of(), ctx);
                } catch (SQLException e) {
                    out.add(new Outcome(q.id(), q.question(), null, null, null, false, false, e.getMessage(), 0));
                    continue;
                }
                if (plan.failed()) {
                    out.add(new Outcome(q.id(), q.question(), plan.maskedQuestion(), null, null, false, false,
                            plan.failureReason(), plan.translationMs()));
                    continue;
                }
                boolean correct;
                String error = null;
                try {
                    correct = ResultRows.same(gold, NlDialectTest.run(c, plan), q.ordered());
                } catch (SQLException e) {
                    correct = false;
                    error = "execution failed: " + e.getMessage();
                }
                out.add(new Outcome(q.id(), q.question(), plan.maskedQuestion(), plan.sql(), plan.source().label(), true,
                        correct, error, plan.translationMs()));
            }
        }
        return new Report(setName, out);
    }

    /** Finds a translator by class name (constructor or static factory), or through ServiceLoader. */
    static Translator translator(String className) throws Exception {
        if (className == null || className.isBlank()) {
            Iterator<Translator> it = ServiceLoader.load(Translator.class).iterator();
            return it.hasNext() ? it.next() : null;
        }
        java.util.regex.Matcher call = java.util.regex.Pattern.compile("([\\w.$]+)#(\\w+)\\((\\d*)\\)").matcher(className.trim());
        if (call.matches()) {
            Class<?> owner = Class.forName(call.group(1));
            if (call.group(3).isEmpty()) {
                return (Translator) owner.getMethod(call.group(2)).invoke(null);
            }
            return (Translator) owner.getMethod(call.group(2), int.class).invoke(null, Integer.parseInt(call.group(3)));
        }
        Class<?> cls = Class.forName(className);
        for (String factory : List.of("load", "open", "create")) {
            try {
                Method m = cls.getMethod(factory);
                if (java.lang.reflect.Modifier.isStatic(m.getModifiers()) && Translator.class.isAssignableFrom(m.getReturnType())) {
                    return (Translator) m.invoke(null);
                }
            } catch (NoSuchMethodException e) {
                // try the next way
            }
        }
        return (Translator) cls.getConstructor().newInstance();
    }

    /** {@code [--translator <class>] [--sets chinook,northwind] [--verbose] [--option nlsql.x=y]...}. */
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        String cls = null;
        List<String> sets = QuestionSet.NAMES;
        boolean verbose = false;
        java.util.Properties props = new java.util.Properties();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--option" -> {
                    String[] kv = args[++i].split("=", 2);
                    props.setProperty(kv[0], kv[1]);
                }
                case "--translator" -> cls = args[++i];
                case "--sets" -> sets = List.of(args[++i].split(","));
                case "--verbose" -> verbose = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        try (Translator t = translator(cls)) {
            if (t == null) {
                System.err.println("no translator: pass --translator <class> or put a Translator provider on the class path");
                System.exit(2);
                return;
            }
            System.out.println("translator: " + t.identity().shortForm());
            long correct = 0;
            long total = 0;
            for (String s : sets) {
                Report r = run(s, t, SqlPolicy.forEngine(Engine.SQLITE), NlOptions.from(props));
                if (verbose) {
                    for (Outcome o : r.outcomes()) {
                        System.out.printf("%s %s %s | %s%n", o.correct() ? "OK  " : (o.valid() ? "DIFF" : "FAIL"), o.id(),
                                o.question(), o.sql() != null ? o.sql() : o.error());
                    }
                }
                System.out.println(r.summary());
                correct += r.correct();
                total += r.outcomes().size();
            }
            System.out.printf(java.util.Locale.ROOT, "all: %d/%d correct, execution accuracy %.1f%%%n", correct, total,
                    total == 0 ? 0.0 : 100.0 * correct / total);
        }
    }
}
