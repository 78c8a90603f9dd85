package dev.nlsql.policy.internal;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The per-engine function allow-list (scalar, aggregate, window functions) and table-function
 * allow-list, plus a deny-list that names why a dangerous function is refused and is also applied
 * at token level to the rendered SQL ({@link RenderedSqlCheck}). A function is allowed when it is
 * on the allow-list (common + engine + configured extras) and not on the deny-list for that
 * engine. Lists live in {@code src/main/resources/dev/nlsql/policy/functions/}; {@code deny.txt}
 * is the one place that says which function is denied on which engine
 * ({@code name<TAB>reason[<TAB>engines]}, engines {@code all} when left out, {@code all but
 * sqlite}, or a list such as {@code duckdb,h2}; an unknown engine id fails loading).
 */
public final class FunctionRules {

    /** One deny-list entry: why, and on which engines. */
    private record Denial(String reason, Set<Engine> engines) {}

    private final Engine engine;
    private final Set<String> scalar;
    private final Set<String> table;
    private static final Map<String, Denial> DENY = loadDeny();

    public FunctionRules(Engine engine, Set<String> extra) {
        this.engine = engine;
        Set<String> s = new HashSet<>(load("common.txt"));
        s.addAll(load(engine.id() + ".txt"));
        s.addAll(extra);
        this.scalar = Set.copyOf(s);
        Set<String> t = new HashSet<>(load("tvf-" + engine.id() + ".txt"));
        t.addAll(extra);
        this.table = Set.copyOf(t);
    }

    /** Normalises a function name as written: quotes removed, lower case, last name part. */
    public static String normalise(String name) {
        String n = name.trim();
        int dot = lastDotOutsideQuotes(n);
        if (dot >= 0) {
            n = n.substring(dot + 1);
        }
        if (n.length() >= 2 && (n.charAt(0) == '"' || n.charAt(0) == '`' || n.charAt(0) == '[')) {
            n = n.substring(1, n.length() - 1);
        }
        return n.toLowerCase(Locale.ROOT);
    }

    private static int lastDotOutsideQuotes(String n) {
        char q = 0;
        int last = -1;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (q != 0) {
                if (c == q || (q == '[' && c == ']')) {
                    q = 0;
                }
            } else if (c == '"' || c == '`' || c == '[') {
                q = c;
            } else if (c == '.') {
                last = i;
            }
        }
        return last;
    }

    /**
     * The deny-list reason for a normalised function name on an engine.
     *
     * @param engine the engine the statement is for
     * @param normalised the name as {@link #normalise(String)} gives it
     * @return why it is refused there, or null when it is not denied on that engine
     */
    public static String denyReason(Engine engine, String normalised) {
        Denial d = DENY.get(normalised);
        return d != null && d.engines().contains(engine) ? d.reason() : null;
    }

    /**
     * Checks a scalar/aggregate/window function call.
     *
     * @param name the name as written (may be quoted or qualified)
     * @throws PolicyException 42501, rule {@code <engine>.function-deny-list} or
     *     {@code <engine>.function-allow-list}
     */
    public void checkFunction(String name) throws PolicyException {
        String n = normalise(name);
        String reason = denyReason(engine, n);
        if (reason != null) {
            throw Refusals.forbidden("function " + n + "() is refused: " + reason,
                    engine.id() + ".function-deny-list");
        }
        if (!scalar.contains(n)) {
            throw Refusals.forbidden("function " + n + "() is not on the " + engine.id()
                    + " function allow-list (add it with nlsql.policy.allowFunctions if it only reads)",
                    engine.id() + ".function-allow-list");
        }
    }

    /**
     * Checks a table function used in FROM.
     *
     * @throws PolicyException 42501, rule {@code <engine>.table-function-allow-list}
     */
    public void checkTableFunction(String name) throws PolicyException {
        String n = normalise(name);
        String reason = denyReason(engine, n);
        if (reason != null) {
            throw Refusals.forbidden("table function " + n + "() is refused: " + reason,
                    engine.id() + ".function-deny-list");
        }
        if (!table.contains(n)) {
            throw Refusals.forbidden("table function " + n + "() is not on the " + engine.id()
                    + " table-function allow-list (read-only metadata functions such as "
                    + "pragma_table_info are)", engine.id() + ".table-function-allow-list");
        }
    }

    private static Set<String> load(String file) {
        Set<String> out = new HashSet<>();
        InputStream in = FunctionRules.class.getResourceAsStream("/dev/nlsql/policy/functions/" + file);
        if (in == null) {
            return out;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line.split("\t")[0].toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Map<String, Denial> loadDeny() {
        Map<String, Denial> m = new HashMap<>();
        InputStream in = FunctionRules.class.getResourceAsStream("/dev/nlsql/policy/functions/deny.txt");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t", 3);
                    String reason = f.length > 1 && !f[1].isBlank() ? f[1].strip() : "dangerous";
                    m.put(f[0].strip().toLowerCase(Locale.ROOT), new Denial(reason, engines(f.length > 2 ? f[2] : "all")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }

    /**
     * The engines of a deny-list entry: {@code all}, {@code all but <id>[,<id>...]} or
     * {@code <id>[,<id>...]} ({@link Engine#id()}).
     *
     * @throws IllegalStateException for an unknown engine id (a broken list must not load)
     */
    static Set<Engine> engines(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals("all")) {
            return EnumSet.allOf(Engine.class);
        }
        boolean except = s.startsWith("all but ");
        EnumSet<Engine> listed = EnumSet.noneOf(Engine.class);
        for (String id : (except ? s.substring("all but ".length()) : s).split(",")) {
            listed.add(Arrays.stream(Engine.values()).filter(e -> e.id().equals(id.strip())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("deny.txt: unknown engine '" + id.strip() + "' in '" + spec + "'")));
        }
        return except ? EnumSet.complementOf(listed) : listed;
    }
}
