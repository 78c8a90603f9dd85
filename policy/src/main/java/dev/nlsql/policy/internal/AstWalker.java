package dev.nlsql.policy.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Visits every JSqlParser AST node reachable from a root by following the object graph's fields
 * (collections, maps, optionals and arrays included), each node once, in pre-order. This gives
 * complete coverage by construction: a function call or table hidden in a clause that JSqlParser's
 * own visitors skip is still seen. The JavaCC parse tree ({@code net.sf.jsqlparser.parser.*}:
 * tokens, SimpleNode back-links) is not followed. Field lists are computed once per class.
 */
final class AstWalker {

    private static final String PKG = "net.sf.jsqlparser.";
    private static final String PARSER_PKG = "net.sf.jsqlparser.parser.";

    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = type; c != null && c.getName().startsWith(PKG); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()
                            || f.getType() == String.class || f.getType().isEnum()
                            || f.getType().getName().startsWith(PARSER_PKG)) {
                        continue;
                    }
                    f.setAccessible(true);
                    out.add(f);
                }
            }
            return out.toArray(new Field[0]);
        }
    };

    private AstWalker() {}

    static void walk(Object root, Consumer<Object> visitor) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Object o = stack.pop();
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof Collection<?> c) {
                List<Object> items = new ArrayList<>(c);
                for (int i = items.size() - 1; i >= 0; i--) {
                    push(stack, items.get(i));
                }
                continue;
            }
            if (o instanceof Map<?, ?> m) {
                m.forEach((k, v) -> {
                    push(stack, k);
                    push(stack, v);
                });
                continue;
            }
            if (o instanceof Optional<?> opt) {
                opt.ifPresent(v -> push(stack, v));
                continue;
            }
            if (o instanceof Object[] arr) {
                for (int i = arr.length - 1; i >= 0; i--) {
                    push(stack, arr[i]);
                }
                continue;
            }
            Class<?> type = o.getClass();
            if (!type.getName().startsWith(PKG) || type.getName().startsWith(PARSER_PKG)) {
                continue;
            }
            visitor.accept(o);
            Field[] fields = FIELDS.get(type);
            for (int i = fields.length - 1; i >= 0; i--) {
                try {
                    push(stack, fields[i].get(o));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + fields[i], e);
                }
            }
        }
    }

    private static void push(Deque<Object> stack, Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean
                || v instanceof Character || v instanceof Enum<?>) {
            return;
        }
        Class<?> t = v.getClass();
        if (v instanceof Collection<?> || v instanceof Map<?, ?> || v instanceof Optional<?> || v instanceof Object[]
                || (t.getName().startsWith(PKG) && !t.getName().startsWith(PARSER_PKG))) {
            stack.push(v);
        }
    }
}
