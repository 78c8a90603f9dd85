package dev.nlsql.driver.jdbc;

import dev.nlsql.driver.SqlStates;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stand-in target of a {@code PreparedStatement} prepared from a question
 * ({@code ASK ... ?}): no SQL exists until the question is translated at execution, with the
 * values bound here. Records {@code setXxx(index, value, ...)} calls (the value, in marker
 * order) and plain settings ({@code setQueryTimeout(30)} answers {@code getQueryTimeout()}
 * later); {@code getMetaData()} is null (unknown before translation, as JDBC allows); batches
 * are refused (42000); anything else answers the type's default.
 */
final class ParameterCollector {
    private ParameterCollector() {}

    /** The values recorded so far, in marker order (unbound positions null). */
    interface Values {
        List<Object> boundValues();
    }

    static PreparedStatement create() {
        Map<Integer, Object> params = new HashMap<>();
        Map<String, Object> settings = new HashMap<>();
        return (PreparedStatement) Proxy.newProxyInstance(ParameterCollector.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class, Values.class}, (p, m, args) -> {
                    String n = m.getName();
                    int argc = args == null ? 0 : args.length;
                    switch (n) {
                        case "boundValues": {
                            int max = params.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
                            List<Object> out = new ArrayList<>(max);
                            for (int i = 1; i <= max; i++) {
                                out.add(params.get(i));
                            }
                            return out;
                        }
                        case "clearParameters":
                            params.clear();
                            return null;
                        case "addBatch":
                        case "executeBatch":
                        case "executeLargeBatch":
                            throw new SQLException("a question (ASK ...) cannot be batched; execute it once per set of values",
                                    SqlStates.SYNTAX_ERROR);
                        case "toString":
                            return "nlsql question parameters " + params;
                        case "hashCode":
                            return System.identityHashCode(p);
                        case "equals":
                            return p == args[0];
                        default:
                            break;
                    }
                    if (n.startsWith("set") && argc >= 2 && m.getParameterTypes()[0] == int.class
                            && !n.equals("setFetchDirection")) {
                        params.put((Integer) args[0], n.equals("setNull") ? null : args[1]);
                        return null;
                    }
                    if (n.startsWith("set") && argc == 1) {
                        settings.put(n.substring(3), args[0]);
                        return null;
                    }
                    if ((n.startsWith("get") || n.startsWith("is")) && argc == 0) {
                        Object v = settings.get(n.substring(n.startsWith("get") ? 3 : 2));
                        if (v != null) {
                            return v;
                        }
                    }
                    Class<?> r = m.getReturnType();
                    if (r == boolean.class) {
                        return false;
                    }
                    if (r == int.class) {
                        return 0;
                    }
                    if (r == long.class) {
                        return 0L;
                    }
                    return null;
                });
    }

    static List<Object> boundValues(PreparedStatement collector) {
        return ((Values) collector).boundValues();
    }
}
