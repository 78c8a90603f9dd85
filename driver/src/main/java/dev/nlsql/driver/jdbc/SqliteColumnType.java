package dev.nlsql.driver.jdbc;

import java.sql.Types;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How sqlite-jdbc (xerial, 3.54) describes a column in {@code DatabaseMetaData.getColumns}, from
 * the column's declared type as {@code pragma_table_xinfo} gives it, so that a scratch table's
 * columns read exactly like a source table's.
 *
 * <p>Rules (xerial's {@code JDBC3DatabaseMetaData.getColumns}, after SQLite's column affinity,
 * <a href="https://www.sqlite.org/datatype3.html">datatype3.html</a> section 3.1): the declared
 * type is upper-cased; one containing {@code INT} or {@code BOOL} is {@link Types#INTEGER}
 * (0 decimal digits), else {@code CHAR}/{@code CLOB}/{@code TEXT}/{@code BLOB}
 * {@link Types#VARCHAR} (0 decimal digits), else {@code REAL}/{@code FLOA}/{@code DOUB}/
 * {@code DEC}/{@code NUM} {@link Types#FLOAT} (10 decimal digits), anything else (an empty
 * declared type included) {@link Types#VARCHAR} (10 decimal digits). The column size is
 * 2,000,000,000 unless the type has a dimension: {@code (n)} gives size n and 0 decimal digits,
 * {@code (p,s)} gives size p+s and s decimal digits (xerial's sum, kept for equality with main's
 * columns); a dimension that is no unsigned integer changes nothing. The type name is the
 * declared type without its dimension.
 *
 * @param dataType a {@link Types} constant: INTEGER, VARCHAR or FLOAT
 * @param typeName the upper-cased declared type without {@code (…)}; may be empty
 * @param columnSize characters or digits, 2,000,000,000 when the type gives none
 * @param decimalDigits digits after the point
 */
record SqliteColumnType(int dataType, String typeName, int columnSize, int decimalDigits) {

    /** xerial's column size for a type without a dimension. */
    static final int NO_SIZE = 2_000_000_000;

    private static final Pattern INTEGER = Pattern.compile(".*(INT|BOOL).*");
    private static final Pattern VARCHAR = Pattern.compile(".*(CHAR|CLOB|TEXT|BLOB).*");
    private static final Pattern FLOAT = Pattern.compile(".*(REAL|FLOA|DOUB|DEC|NUM).*");

    /** The description of a column declared {@code declared} (null reads as {@code TEXT}). */
    static SqliteColumnType of(String declared) {
        String type = declared == null ? "TEXT" : declared.toUpperCase(Locale.ROOT);
        int dataType;
        int decimalDigits = 10;
        if (INTEGER.matcher(type).find()) {
            dataType = Types.INTEGER;
            decimalDigits = 0;
        } else if (VARCHAR.matcher(type).find()) {
            dataType = Types.VARCHAR;
            decimalDigits = 0;
        } else if (FLOAT.matcher(type).find()) {
            dataType = Types.FLOAT;
        } else {
            dataType = Types.VARCHAR;
        }
        int size = NO_SIZE;
        int open = type.indexOf('(');
        if (open > 0) {
            int close = type.indexOf(')', open);
            if (close > 0) {
                int comma = type.indexOf(',', open);
                comma = comma < close ? comma : -1;
                String whole = comma > 0 ? type.substring(open + 1, comma) : type.substring(open + 1, close);
                String fraction = comma > 0 ? type.substring(comma + 1, close) : null;
                try {
                    int digits = Integer.parseUnsignedInt(whole.trim());
                    if (fraction != null) {
                        decimalDigits = Integer.parseUnsignedInt(fraction.trim());
                        size = digits + decimalDigits;
                    } else {
                        decimalDigits = 0;
                        size = digits;
                    }
                } catch (NumberFormatException e) {
                    // not a dimension xerial reads: size and digits stay as they are
                }
            }
            type = type.substring(0, open).trim();
        }
        return new SqliteColumnType(dataType, type, size, decimalDigits);
    }
}
