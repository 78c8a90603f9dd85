package dev.nlsql.provenance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.HexFormat;

/**
 * Renders bound parameters as {@link ProvenanceRecord.Parameter} (JDBC type name + text) and binds
 * them back for replay, so a replay binds the same value with the same type.
 *
 * <p>Text forms: integers and decimals in plain decimal ({@code BigDecimal.toPlainString});
 * DOUBLE/REAL by {@code Double.toString} (round-trips exactly); BOOLEAN {@code true/false};
 * VARBINARY lower-case hex; DATE {@code 2024-01-31}; TIME {@code 13:45:00}; TIMESTAMP ISO
 * local date-time {@code 2024-01-31T13:45:00.5}; TIMESTAMP_WITH_TIMEZONE ISO offset date-time;
 * NULL (value null) for SQL NULL; anything else OTHER with {@code toString()}, bound back as text.
 */
public final class ParameterCodec {
    private static final HexFormat HEX = HexFormat.of();

    private ParameterCodec() {}

    /** Describes the value bound at 1-based {@code index}. */
    public static ProvenanceRecord.Parameter describe(int index, Object v) {
        if (v == null) {
            return new ProvenanceRecord.Parameter(index, "NULL", null);
        }
        String type;
        String text;
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            type = v instanceof Integer ? "INTEGER" : v instanceof Short ? "SMALLINT" : "TINYINT";
            text = v.toString();
        } else if (v instanceof Long) {
            type = "BIGINT";
            text = v.toString();
        } else if (v instanceof BigInteger) {
            type = "NUMERIC";
            text = v.toString();
        } else if (v instanceof BigDecimal bd) {
            type = "DECIMAL";
            text = bd.toPlainString();
        } else if (v instanceof Double || v instanceof Float) {
            type = v instanceof Double ? "DOUBLE" : "REAL";
            text = v.toString();
        } else if (v instanceof Boolean) {
            type = "BOOLEAN";
            text = v.toString();
        } else if (v instanceof String || v instanceof Character) {
            type = "VARCHAR";
            text = v.toString();
        } else if (v instanceof byte[] b) {
            type = "VARBINARY";
            text = HEX.formatHex(b);
        } else if (v instanceof java.sql.Timestamp ts) {
            type = "TIMESTAMP";
            text = ts.toLocalDateTime().toString();
        } else if (v instanceof java.sql.Date d) {
            type = "DATE";
            text = d.toLocalDate().toString();
        } else if (v instanceof java.sql.Time t) {
            type = "TIME";
            text = t.toLocalTime().toString();
        } else if (v instanceof LocalDate || v instanceof LocalTime || v instanceof LocalDateTime) {
            type = v instanceof LocalDate ? "DATE" : v instanceof LocalTime ? "TIME" : "TIMESTAMP";
            text = v.toString();
        } else if (v instanceof OffsetDateTime || v instanceof OffsetTime) {
            type = v instanceof OffsetDateTime ? "TIMESTAMP_WITH_TIMEZONE" : "TIME_WITH_TIMEZONE";
            text = v.toString();
        } else {
            type = "OTHER";
            text = v.toString();
        }
        return new ProvenanceRecord.Parameter(index, type, text);
    }

    /**
     * Binds {@code p} at its index on {@code ps}, converting its text back to the Java type its
     * JDBC type name stands for.
     *
     * @throws SQLException SQLState {@code 22023} when the text does not parse as its type, or
     *     whatever the driver throws when binding
     */
    public static void bind(PreparedStatement ps, ProvenanceRecord.Parameter p) throws SQLException {
        String t = p.type() == null ? "OTHER" : p.type();
        String v = p.value();
        int i = p.index();
        try {
            if (v == null || t.equals("NULL")) {
                ps.setNull(i, t.equals("NULL") ? java.sql.Types.NULL : JDBCType.valueOf(t).getVendorTypeNumber());
                return;
            }
            switch (t) {
                case "INTEGER", "SMALLINT", "TINYINT" -> ps.setInt(i, Integer.parseInt(v));
                case "BIGINT" -> ps.setLong(i, Long.parseLong(v));
                case "NUMERIC", "DECIMAL" -> ps.setBigDecimal(i, new BigDecimal(v));
                case "DOUBLE", "FLOAT" -> ps.setDouble(i, Double.parseDouble(v));
                case "REAL" -> ps.setFloat(i, Float.parseFloat(v));
                case "BOOLEAN", "BIT" -> ps.setBoolean(i, Boolean.parseBoolean(v));
                case "VARBINARY", "BINARY", "LONGVARBINARY", "BLOB" -> ps.setBytes(i, HEX.parseHex(v));
                case "DATE" -> ps.setDate(i, java.sql.Date.valueOf(LocalDate.parse(v)));
                case "TIME" -> ps.setTime(i, java.sql.Time.valueOf(LocalTime.parse(v)));
                case "TIMESTAMP" -> ps.setTimestamp(i, java.sql.Timestamp.valueOf(LocalDateTime.parse(v)));
                case "TIMESTAMP_WITH_TIMEZONE" -> ps.setObject(i, OffsetDateTime.parse(v));
                case "TIME_WITH_TIMEZONE" -> ps.setObject(i, OffsetTime.parse(v));
                default -> ps.setString(i, v);
            }
        } catch (RuntimeException e) {
            throw new SQLException("parameter " + i + " of type " + t + " has a value that does not parse: "
                    + v, "22023", e);
        }
    }
}
