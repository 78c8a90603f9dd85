package dev.nlsql.nl;

import dev.nlsql.model.vault.Slot;
import dev.nlsql.policy.Engine;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Turns a vault slot's value into the typed JDBC value to bind. Integral numbers become
 * {@link Long} (BIGINT), others {@link BigDecimal} (DECIMAL); dates become {@link java.sql.Date}
 * (DATE) except on SQLite, where dates are text, so they are bound as ISO-8601 strings
 * ({@code yyyy-MM-dd}, or {@code yyyy-MM-dd HH:mm:ss} for timestamps); an ID of digits is a
 * {@link Long} unless it has leading zeros; a value that value linking found in the database is
 * bound with the database's own spelling (case) of it.
 */
final class ParameterTyping {

    private ParameterTyping() {}

    record Typed(int jdbcType, Object value) {}

    static Typed type(Slot slot, Engine engine, JdbcValueIndex values) {
        Object v = slot.value();
        switch (slot.kind()) {
            case STR -> {
                if (v instanceof String s && values != null && slot.column() != null) {
                    return new Typed(Types.VARCHAR, values.exactValue(s).orElse(s));
                }
                return generic(v, engine);
            }
            case ID -> {
                if (v instanceof Long l && slot.original().matches("\\D*0\\d+")) {
                    return new Typed(Types.VARCHAR, slot.original().replaceAll("\\D", ""));
                }
                return generic(v, engine);
            }
            default -> {
                return generic(v, engine);
            }
        }
    }

    private static Typed generic(Object v, Engine engine) {
        if (v instanceof BigDecimal bd) {
            BigDecimal s = bd.stripTrailingZeros();
            if (s.scale() <= 0 && s.precision() - s.scale() <= 18) {
                return new Typed(Types.BIGINT, s.longValueExact());
            }
            return new Typed(Types.DECIMAL, bd);
        }
        if (v instanceof Long) {
            return new Typed(Types.BIGINT, v);
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return new Typed(Types.INTEGER, v);
        }
        if (v instanceof Double || v instanceof Float) {
            return new Typed(Types.DOUBLE, v);
        }
        if (v instanceof LocalDate d) {
            return engine == Engine.SQLITE ? new Typed(Types.VARCHAR, d.toString())
                    : new Typed(Types.DATE, java.sql.Date.valueOf(d));
        }
        if (v instanceof LocalDateTime dt) {
            return engine == Engine.SQLITE
                    ? new Typed(Types.VARCHAR, dt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")))
                    : new Typed(Types.TIMESTAMP, java.sql.Timestamp.valueOf(dt));
        }
        if (v instanceof java.sql.Timestamp ts) {
            return engine == Engine.SQLITE ? type(ts.toLocalDateTime(), engine) : new Typed(Types.TIMESTAMP, ts);
        }
        if (v instanceof java.sql.Date d) {
            return engine == Engine.SQLITE ? type(d.toLocalDate(), engine) : new Typed(Types.DATE, d);
        }
        if (v instanceof java.util.Date d) {
            return type(new java.sql.Timestamp(d.getTime()), engine);
        }
        if (v instanceof Boolean) {
            return new Typed(Types.BOOLEAN, v);
        }
        if (v instanceof String) {
            return new Typed(Types.VARCHAR, v);
        }
        return new Typed(Types.JAVA_OBJECT, v);
    }

    private static Typed type(Object v, Engine engine) {
        return generic(v, engine);
    }
}
