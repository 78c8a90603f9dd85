package dev.nlsql.driver.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * A result set that answers the client's common getters from the values of the current row
 * that were already fetched (with {@code getObject}, in column order) for the result digest, so
 * that hashing a result does not read every value from the target twice.
 *
 * <p>A getter is answered from the fetched value only where the target driver would return the
 * same thing: {@code getObject} for immutable values ({@code String}, boxed numbers,
 * {@code BigDecimal}, {@code BigInteger}, {@code java.time} values, {@code UUID});
 * {@code getString} for a {@code String}; {@code getInt} for an {@code Integer}, {@code Short}
 * or {@code Byte}; {@code getLong} for any of those or a {@code Long}; {@code getDouble} for a
 * {@code Double}; {@code getBoolean} for a {@code Boolean}; {@code getBigDecimal} for a
 * {@code BigDecimal}; {@code getObject(i, type)} when the value's class is {@code type}; and
 * SQL NULL for the getters that return an object ({@code getObject(i)}, {@code getString},
 * {@code getBigDecimal}: null). SQL NULL read with a primitive getter goes to the target, whose
 * answer JDBC does not pin down in practice (DuckDB's {@code getDouble} gives NaN, not 0). Every other getter, and every
 * value of another class (a {@code Long} read with {@code getInt}, a number read with
 * {@code getString}, a mutable {@code Timestamp} or {@code byte[]}), goes to the target driver,
 * so its own conversions and errors apply unchanged. {@code wasNull()} answers for the last
 * getter, wherever that was answered. By-label getters resolve the label with the target's
 * {@code findColumn}, as JDBC defines them.
 *
 * <p>Values are served only between {@link #fetched(Object[])} and the next cursor movement;
 * the subclass calls it only for forward-only, read-only results. Not thread-safe (as a JDBC
 * result set).
 */
public abstract class FetchedRowResultSet extends DelegatingResultSet {

    /** Classes whose instances cannot change after the driver returned them: safe to hand out twice. */
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Integer.class, Long.class, Short.class,
            Byte.class, Double.class, Float.class, Boolean.class, BigDecimal.class, BigInteger.class, LocalDate.class,
            LocalTime.class, LocalDateTime.class, OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class,
            Instant.class, UUID.class);

    /** The current row's values (index 0 = column 1), or null: every getter goes to the target. */
    private Object[] row;
    /** Whether the last getter was answered from {@link #row}; then {@link #lastNull} is its wasNull. */
    private boolean served;
    private boolean lastNull;

    protected FetchedRowResultSet(ResultSet delegate) {
        super(delegate);
    }

    /**
     * The cursor is on a row whose values were fetched as {@code values} (column 1 first; the
     * array may be reused for the next row); null when there are none to serve.
     */
    protected final void fetched(Object[] values) {
        row = values;
        served = false;
    }

    /** The fetched value of column {@code i}, or {@link #MISSING} when there is none to serve. */
    private Object at(int i) {
        Object[] r = row;
        return r != null && i >= 1 && i <= r.length ? r[i - 1] : MISSING;
    }

    private static final Object MISSING = new Object();

    private void servedValue(boolean isNull) {
        served = true;
        lastNull = isNull;
    }

    @Override
    public boolean wasNull() throws SQLException {
        return served ? lastNull : super.wasNull();
    }

    @Override
    public Object getObject(int i) throws SQLException {
        Object v = at(i);
        if (v == null || (v != MISSING && IMMUTABLE.contains(v.getClass()))) {
            servedValue(v == null);
            return v;
        }
        served = false;
        return super.getObject(i);
    }

    @Override
    public <T> T getObject(int i, Class<T> type) throws SQLException {
        Object v = at(i);
        // NULL goes to the target: drivers differ there (sqlite-jdbc throws for a boxed type)
        if (type != null && v != null && v != MISSING && v.getClass() == type && IMMUTABLE.contains(type)) {
            servedValue(false);
            return type.cast(v);
        }
        served = false;
        return super.getObject(i, type);
    }

    @Override
    public String getString(int i) throws SQLException {
        Object v = at(i);
        if (v == null || v.getClass() == String.class) {
            servedValue(v == null);
            return (String) v;
        }
        served = false;
        return super.getString(i);
    }

    @Override
    public int getInt(int i) throws SQLException {
        Object v = at(i);
        Class<?> c = v == null ? null : v.getClass();
        if (c == Integer.class || c == Short.class || c == Byte.class) {
            servedValue(false);
            return ((Number) v).intValue();
        }
        served = false;
        return super.getInt(i);
    }

    @Override
    public long getLong(int i) throws SQLException {
        Object v = at(i);
        Class<?> c = v == null ? null : v.getClass();
        if (c == Long.class || c == Integer.class || c == Short.class || c == Byte.class) {
            servedValue(false);
            return ((Number) v).longValue();
        }
        served = false;
        return super.getLong(i);
    }

    @Override
    public double getDouble(int i) throws SQLException {
        Object v = at(i);
        if (v != null && v.getClass() == Double.class) {
            servedValue(false);
            return (Double) v;
        }
        served = false;
        return super.getDouble(i);
    }

    @Override
    public boolean getBoolean(int i) throws SQLException {
        Object v = at(i);
        if (v != null && v.getClass() == Boolean.class) {
            servedValue(false);
            return (Boolean) v;
        }
        served = false;
        return super.getBoolean(i);
    }

    @Override
    public BigDecimal getBigDecimal(int i) throws SQLException {
        Object v = at(i);
        if (v == null || v.getClass() == BigDecimal.class) {
            servedValue(v == null);
            return (BigDecimal) v;
        }
        served = false;
        return super.getBigDecimal(i);
    }

    // ---- by label: the target resolves the label, then the getters above answer

    @Override
    public Object getObject(String label) throws SQLException {
        if (row != null) {
            return getObject(findColumn(label));
        }
        served = false;
        return super.getObject(label);
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        if (row != null) {
            return getObject(findColumn(label), type);
        }
        served = false;
        return super.getObject(label, type);
    }

    @Override
    public String getString(String label) throws SQLException {
        if (row != null) {
            return getString(findColumn(label));
        }
        served = false;
        return super.getString(label);
    }

    @Override
    public int getInt(String label) throws SQLException {
        if (row != null) {
            return getInt(findColumn(label));
        }
        served = false;
        return super.getInt(label);
    }

    @Override
    public long getLong(String label) throws SQLException {
        if (row != null) {
            return getLong(findColumn(label));
        }
        served = false;
        return super.getLong(label);
    }

    @Override
    public double getDouble(String label) throws SQLException {
        if (row != null) {
            return getDouble(findColumn(label));
        }
        served = false;
        return super.getDouble(label);
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        if (row != null) {
            return getBoolean(findColumn(label));
        }
        served = false;
        return super.getBoolean(label);
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        if (row != null) {
            return getBigDecimal(findColumn(label));
        }
        served = false;
        return super.getBigDecimal(label);
    }

    // ---- cursor movements other than next(): nothing is served until the next fetched row

    @Override
    public boolean absolute(int p0) throws SQLException {
        fetched(null);
        return super.absolute(p0);
    }

    @Override
    public boolean relative(int p0) throws SQLException {
        fetched(null);
        return super.relative(p0);
    }

    @Override
    public boolean previous() throws SQLException {
        fetched(null);
        return super.previous();
    }

    @Override
    public boolean first() throws SQLException {
        fetched(null);
        return super.first();
    }

    @Override
    public boolean last() throws SQLException {
        fetched(null);
        return super.last();
    }

    @Override
    public void beforeFirst() throws SQLException {
        fetched(null);
        super.beforeFirst();
    }

    @Override
    public void afterLast() throws SQLException {
        fetched(null);
        super.afterLast();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        fetched(null);
        super.moveToInsertRow();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        fetched(null);
        super.moveToCurrentRow();
    }

    @Override
    public void refreshRow() throws SQLException {
        fetched(null);
        super.refreshRow();
    }

    // ---- every other column getter: answered by the target, which then answers wasNull()

    @Override
    public Array getArray(String p0) throws SQLException {
        served = false;
        return super.getArray(p0);
    }

    @Override
    public Array getArray(int p0) throws SQLException {
        served = false;
        return super.getArray(p0);
    }

    @Override
    public java.io.InputStream getAsciiStream(String p0) throws SQLException {
        served = false;
        return super.getAsciiStream(p0);
    }

    @Override
    public java.io.InputStream getAsciiStream(int p0) throws SQLException {
        served = false;
        return super.getAsciiStream(p0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(String p0, int p1) throws SQLException {
        served = false;
        return super.getBigDecimal(p0, p1);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int p0, int p1) throws SQLException {
        served = false;
        return super.getBigDecimal(p0, p1);
    }

    @Override
    public java.io.InputStream getBinaryStream(String p0) throws SQLException {
        served = false;
        return super.getBinaryStream(p0);
    }

    @Override
    public java.io.InputStream getBinaryStream(int p0) throws SQLException {
        served = false;
        return super.getBinaryStream(p0);
    }

    @Override
    public Blob getBlob(String p0) throws SQLException {
        served = false;
        return super.getBlob(p0);
    }

    @Override
    public Blob getBlob(int p0) throws SQLException {
        served = false;
        return super.getBlob(p0);
    }

    @Override
    public byte getByte(String p0) throws SQLException {
        served = false;
        return super.getByte(p0);
    }

    @Override
    public byte getByte(int p0) throws SQLException {
        served = false;
        return super.getByte(p0);
    }

    @Override
    public byte[] getBytes(String p0) throws SQLException {
        served = false;
        return super.getBytes(p0);
    }

    @Override
    public byte[] getBytes(int p0) throws SQLException {
        served = false;
        return super.getBytes(p0);
    }

    @Override
    public java.io.Reader getCharacterStream(String p0) throws SQLException {
        served = false;
        return super.getCharacterStream(p0);
    }

    @Override
    public java.io.Reader getCharacterStream(int p0) throws SQLException {
        served = false;
        return super.getCharacterStream(p0);
    }

    @Override
    public Clob getClob(String p0) throws SQLException {
        served = false;
        return super.getClob(p0);
    }

    @Override
    public Clob getClob(int p0) throws SQLException {
        served = false;
        return super.getClob(p0);
    }

    @Override
    public Date getDate(String p0, java.util.Calendar p1) throws SQLException {
        served = false;
        return super.getDate(p0, p1);
    }

    @Override
    public Date getDate(String p0) throws SQLException {
        served = false;
        return super.getDate(p0);
    }

    @Override
    public Date getDate(int p0, java.util.Calendar p1) throws SQLException {
        served = false;
        return super.getDate(p0, p1);
    }

    @Override
    public Date getDate(int p0) throws SQLException {
        served = false;
        return super.getDate(p0);
    }

    @Override
    public float getFloat(String p0) throws SQLException {
        served = false;
        return super.getFloat(p0);
    }

    @Override
    public float getFloat(int p0) throws SQLException {
        served = false;
        return super.getFloat(p0);
    }

    @Override
    public java.io.Reader getNCharacterStream(String p0) throws SQLException {
        served = false;
        return super.getNCharacterStream(p0);
    }

    @Override
    public java.io.Reader getNCharacterStream(int p0) throws SQLException {
        served = false;
        return super.getNCharacterStream(p0);
    }

    @Override
    public NClob getNClob(String p0) throws SQLException {
        served = false;
        return super.getNClob(p0);
    }

    @Override
    public NClob getNClob(int p0) throws SQLException {
        served = false;
        return super.getNClob(p0);
    }

    @Override
    public String getNString(String p0) throws SQLException {
        served = false;
        return super.getNString(p0);
    }

    @Override
    public String getNString(int p0) throws SQLException {
        served = false;
        return super.getNString(p0);
    }

    @Override
    public Object getObject(String p0, java.util.Map<String, Class<?>> p1) throws SQLException {
        served = false;
        return super.getObject(p0, p1);
    }

    @Override
    public Object getObject(int p0, java.util.Map<String, Class<?>> p1) throws SQLException {
        served = false;
        return super.getObject(p0, p1);
    }

    @Override
    public Ref getRef(String p0) throws SQLException {
        served = false;
        return super.getRef(p0);
    }

    @Override
    public Ref getRef(int p0) throws SQLException {
        served = false;
        return super.getRef(p0);
    }

    @Override
    public RowId getRowId(String p0) throws SQLException {
        served = false;
        return super.getRowId(p0);
    }

    @Override
    public RowId getRowId(int p0) throws SQLException {
        served = false;
        return super.getRowId(p0);
    }

    @Override
    public SQLXML getSQLXML(String p0) throws SQLException {
        served = false;
        return super.getSQLXML(p0);
    }

    @Override
    public SQLXML getSQLXML(int p0) throws SQLException {
        served = false;
        return super.getSQLXML(p0);
    }

    @Override
    public short getShort(String p0) throws SQLException {
        served = false;
        return super.getShort(p0);
    }

    @Override
    public short getShort(int p0) throws SQLException {
        served = false;
        return super.getShort(p0);
    }

    @Override
    public Time getTime(String p0, java.util.Calendar p1) throws SQLException {
        served = false;
        return super.getTime(p0, p1);
    }

    @Override
    public Time getTime(String p0) throws SQLException {
        served = false;
        return super.getTime(p0);
    }

    @Override
    public Time getTime(int p0, java.util.Calendar p1) throws SQLException {
        served = false;
        return super.getTime(p0, p1);
    }

    @Override
    public Time getTime(int p0) throws SQLException {
        served = false;
        return super.getTime(p0);
    }

    @Override
    public Timestamp getTimestamp(String p0, java.util.Calendar p1) throws SQLException {
        served = false;
        return super.getTimestamp(p0, p1);
    }

    @Override
    public Timestamp getTimestamp(String p0) throws SQLException {
        served = false;
        return super.getTimestamp(p0);
    }

    @Override
    public Timestamp getTimestamp(int p0, java.util.Calendar p1) throws SQLException {
        served = false;
        return super.getTimestamp(p0, p1);
    }

    @Override
    public Timestamp getTimestamp(int p0) throws SQLException {
        served = false;
        return super.getTimestamp(p0);
    }

    @Override
    public java.net.URL getURL(String p0) throws SQLException {
        served = false;
        return super.getURL(p0);
    }

    @Override
    public java.net.URL getURL(int p0) throws SQLException {
        served = false;
        return super.getURL(p0);
    }

    @Override
    public java.io.InputStream getUnicodeStream(String p0) throws SQLException {
        served = false;
        return super.getUnicodeStream(p0);
    }

    @Override
    public java.io.InputStream getUnicodeStream(int p0) throws SQLException {
        served = false;
        return super.getUnicodeStream(p0);
    }
}
