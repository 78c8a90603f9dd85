package dev.nlsql.nl;

import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One bound parameter of a plan.
 *
 * @param index 1-based position of its {@code ?} marker in the final SQL
 * @param placeholder the placeholder it replaces, e.g. {@code __STR_1__}
 * @param kind {@code STR}, {@code NUM}, {@code DATE} or {@code ID}
 * @param jdbcType its {@link java.sql.Types} code
 * @param value the value to bind (String, Long, BigDecimal, java.sql.Date..., or the caller's object)
 */
public record NlParameter(int index, String placeholder, String kind, int jdbcType, Object value) {

    /** The JDBC type name, e.g. {@code VARCHAR}. */
    public String typeName() {
        try {
            return JDBCType.valueOf(jdbcType).getName();
        } catch (IllegalArgumentException e) {
            return "OTHER";
        }
    }

    /** Binds this parameter with {@link PreparedStatement#setObject(int, Object)}. */
    public void bind(PreparedStatement statement) throws SQLException {
        statement.setObject(index, value);
    }
}
