package dev.nlsql.provenance;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.UUID;


/**
 * The project's {@link ResultDigest}: streaming, nothing buffered beyond a few kilobytes of
 * encoded rows, and independent of the Java type a driver returns for a value (an
 * {@code Integer} 3, a {@code Long} 3, a {@code BigInteger} 3 and a {@code BigDecimal} 3.00
 * digest the same).
 *
 * <p><b>Row encoding.</b> Each row's values are encoded canonically (see {@link #encode(Object)}
 * and the module README); a row ends with the byte {@code 0xFF}, which is never a value tag.
 *
 * <p><b>Ordered digest</b> (SHA-256 chain): SHA-256 over {@code "nlsql-result-ordered-v1\0"},
 * every encoded row with its terminator in the order read, then the row count as a big-endian
 * 64-bit integer. Any reordering, change, insertion or removal changes it.
 *
 * <p><b>Order-insensitive digest</b> (multiset): each row's encoding is hashed with MurmurHash3
 * x64 128-bit (Appleby; seed 0; the same output as Apache Commons Codec's
 * {@code MurmurHash3.hash128x64}); the row
 * hashes, read as unsigned 128-bit integers (h1 high, h2 low), are added modulo 2^128. This is
 * the additive multiset hash "AdHash" of Bellare and Micciancio ("A New Paradigm for
 * Collision-free Hashing: Incrementality at Reduced Cost", EUROCRYPT 1997), the MSet-Add-Hash of
 * Clarke et al. ("Incremental Multiset Hash Functions and Their Application to Memory
 * Integrity Checking", ASIACRYPT 2003), with a fast non-cryptographic row hash. The published
 * value is SHA-256 over {@code "nlsql-result-unordered-v1\0"}, the row count (64-bit) and the
 * 16-byte sum. Duplicate rows count (a multiset). It detects accidental change (two different
 * multisets collide with probability about 2^-128); it is not meant to resist a forger: the row
 * hash is not cryptographic, and Wagner's generalized birthday attack (CRYPTO 2002) breaks
 * additive hashes anyway.
 *
 * <p>Cost per small row: one MurmurHash3 (a few ns) and a 128-bit add; with the ordered digest
 * on, SHA-256 over the row's bytes too (streamed in 4 KB blocks, no per-row finalisation).
 * Queries without ORDER BY need only the order-insensitive digest: construct with
 * {@code new CanonicalResultDigest(false)} to skip the SHA-256 work ({@link #orderedHex()} then
 * returns null). No allocation per row for integers, text and floating point. Not thread-safe: one per result set.
 */
public final class CanonicalResultDigest implements ResultDigest {

    /** Type tags of the canonical encoding (one byte before each value). */
    static final byte NULL = 0x00, BOOLEAN = 0x01, EXACT = 0x02, EXACT_BIG = 0x03, FLOAT = 0x04,
            TEXT = 0x05, BYTES = 0x06, DATE = 0x07, TIME = 0x08, TIME_TZ = 0x09, TIMESTAMP = 0x0A,
            TIMESTAMP_TZ = 0x0B, ARRAY = 0x0C, OTHER = 0x0D;
    /** Ends every row in the ordered stream; never a value tag. */
    static final byte ROW_END = (byte) 0xFF;

    private static final byte[] ORDERED_DOMAIN = "nlsql-result-ordered-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] UNORDERED_DOMAIN = "nlsql-result-unordered-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long CANONICAL_NAN = 0x7ff8000000000000L;
    private static final int FLUSH_AT = 4096;

    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private boolean ordered;
    /** The ordered chain; created on first use and kept across {@link #reset}. */
    private MessageDigest chain;
    /** Finalises the published digests; kept across {@link #reset}. */
    private MessageDigest fin;
    private final Murmur3 murmur = new Murmur3();
    private byte[] buf = new byte[FLUSH_AT + 512];
    private int pos;
    private int rowStart;
    private boolean inRow;
    private long rows;
    /** The 128-bit sum: high and low words. */
    private long sumHi, sumLo;

    /** Both digests (ordered and order-insensitive) over zero rows so far. */
    public CanonicalResultDigest() {
        this(true);
    }

    /**
     * @param ordered whether to keep the ordered digest too; false for queries without ORDER BY
     *     (cheaper: no SHA-256 per row), in which case {@link #orderedHex()} returns null
     */
    public CanonicalResultDigest(boolean ordered) {
        reset(ordered);
    }

    /**
     * Starts over with zero rows, as a new {@code CanonicalResultDigest(ordered)} would, keeping
     * this object's buffer and hash objects: what a connection does to reuse one digest for its
     * next result.
     *
     * @param ordered whether to keep the ordered digest too
     */
    public void reset(boolean ordered) {
        this.ordered = ordered;
        pos = 0;
        rowStart = 0;
        inRow = false;
        rows = 0;
        sumHi = 0;
        sumLo = 0;
        if (ordered) {
            if (chain == null) {
                chain = Hashes.sha256();
            } else {
                chain.reset();
            }
            chain.update(ORDERED_DOMAIN);
        }
    }

    /**
     * Reads every remaining row of {@code rs} with {@code getObject} and returns their digest.
     *
     * @throws SQLException whatever the result set throws
     */
    public static CanonicalResultDigest of(ResultSet rs) throws SQLException {
        return of(rs, true);
    }

    /**
     * Like {@link #of(ResultSet)}, with or without the ordered digest.
     *
     * @throws SQLException whatever the result set throws
     */
    public static CanonicalResultDigest of(ResultSet rs, boolean ordered) throws SQLException {
        CanonicalResultDigest d = new CanonicalResultDigest(ordered);
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            d.beginRow();
            for (int i = 1; i <= n; i++) {
                d.add(rs.getObject(i));
            }
            d.endRow();
        }
        return d;
    }

    /** The canonical encoding of one value, as fed to the row hash (for tests and tools). */
    public static byte[] encode(Object value) {
        CanonicalResultDigest d = new CanonicalResultDigest(false);
        d.inRow = true;
        d.put(value);
        return Arrays.copyOf(d.buf, d.pos);
    }

    @Override
    public void beginRow() {
        if (inRow) {
            throw new IllegalStateException("beginRow() twice without endRow()");
        }
        inRow = true;
        rowStart = pos;
    }

    /**
     * Adds the next value of the current row.
     *
     * @throws IllegalStateException outside {@code beginRow()/endRow()}
     * @throws IllegalArgumentException when a {@link Clob}, {@link Blob} or {@link java.sql.Array}
     *     cannot be read
     */
    @Override
    public void add(Object value) {
        if (!inRow) {
            throw new IllegalStateException("add() outside beginRow()/endRow()");
        }
        put(value);
    }

    @Override
    public void endRow() {
        if (!inRow) {
            throw new IllegalStateException("endRow() without beginRow()");
        }
        inRow = false;
        murmur.hash(buf, rowStart, pos - rowStart, 0);
        long lo = sumLo + murmur.h2;
        sumHi += murmur.h1 + (Long.compareUnsigned(lo, sumLo) < 0 ? 1 : 0);
        sumLo = lo;
        rows++;
        if (ordered) {
            ensure(1);
            buf[pos++] = ROW_END;
            if (pos >= FLUSH_AT) {
                chain.update(buf, 0, pos);
                pos = 0;
            }
        } else {
            pos = 0;
        }
    }

    @Override
    public long rowCount() {
        return rows;
    }

    /** Whether this digest keeps the ordered digest. */
    public boolean ordered() {
        return ordered;
    }

    /** Lower-case hex ordered digest, or null when constructed without it. */
    @Override
    public String orderedHex() {
        if (!ordered) {
            return null;
        }
        try {
            MessageDigest c = (MessageDigest) chain.clone();
            c.update(buf, 0, inRow ? rowStart : pos);
            c.update(longBytes(rows));
            return Hashes.hex(c.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String unorderedHex() {
        if (fin == null) {
            fin = Hashes.sha256();
        }
        byte[] tail = new byte[24];
        LONG_BE.set(tail, 0, rows);
        LONG_BE.set(tail, 8, sumHi);
        LONG_BE.set(tail, 16, sumLo);
        fin.update(UNORDERED_DOMAIN);
        fin.update(tail);
        return Hashes.hex(fin.digest());
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    // ---------------------------------------------------------------- canonical encoding

    private void put(Object v) {
        if (v == null) {
            ensure(1);
            buf[pos++] = NULL;
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            putExact(0, ((Number) v).longValue());
        } else if (v instanceof String s) {
            putText(s);
        } else if (v instanceof Double d) {
            putFloat(d);
        } else if (v instanceof BigDecimal bd) {
            putDecimal(bd);
        } else if (v instanceof Float f) {
            putFloat(f.doubleValue());
        } else if (v instanceof Boolean b) {
            ensure(2);
            buf[pos++] = BOOLEAN;
            buf[pos++] = (byte) (b ? 1 : 0);
        } else if (v instanceof BigInteger bi) {
            putUnscaled(0, bi);
        } else if (v instanceof byte[] bytes) {
            putBytes(BYTES, bytes);
        } else if (v instanceof java.sql.Timestamp ts) {
            putLocalDateTime(ts.toLocalDateTime());
        } else if (v instanceof java.sql.Date d) {
            putTagLong(DATE, d.toLocalDate().toEpochDay());
        } else if (v instanceof java.sql.Time t) {
            long millis = Math.floorMod(t.getTime(), 1000L);
            putTagLong(TIME, t.toLocalTime().toNanoOfDay() + millis * 1_000_000L);
        } else if (v instanceof LocalDate d) {
            putTagLong(DATE, d.toEpochDay());
        } else if (v instanceof LocalDateTime ldt) {
            putLocalDateTime(ldt);
        } else if (v instanceof LocalTime t) {
            putTagLong(TIME, t.toNanoOfDay());
        } else if (v instanceof OffsetDateTime odt) {
            putInstant(odt.toInstant());
        } else if (v instanceof ZonedDateTime zdt) {
            putInstant(zdt.toInstant());
        } else if (v instanceof Instant i) {
            putInstant(i);
        } else if (v instanceof OffsetTime ot) {
            putTagLong(TIME_TZ, ot.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().toNanoOfDay());
        } else if (v instanceof java.util.Date d) {
            putInstant(d.toInstant());
        } else if (v instanceof UUID u) {
            putText(u.toString());
        } else if (v instanceof Character c) {
            putText(String.valueOf(c));
        } else if (v instanceof char[] cs) {
            putText(new String(cs));
        } else if (v instanceof Clob clob) {
            try {
                putText(clob.getSubString(1, Math.toIntExact(clob.length())));
            } catch (SQLException e) {
                throw new IllegalArgumentException("cannot read CLOB value: " + e.getMessage(), e);
            }
        } else if (v instanceof Blob blob) {
            try {
                putBytes(BYTES, blob.getBytes(1, Math.toIntExact(blob.length())));
            } catch (SQLException e) {
                throw new IllegalArgumentException("cannot read BLOB value: " + e.getMessage(), e);
            }
        } else if (v instanceof java.sql.Array a) {
            try {
                putArray(a.getArray());
            } catch (SQLException e) {
                throw new IllegalArgumentException("cannot read ARRAY value: " + e.getMessage(), e);
            }
        } else if (v.getClass().isArray()) {
            putArray(v);
        } else if (v instanceof Number n) {
            // other Number types (AtomicLong, LongAdder, vendor numbers): by their decimal text
            putDecimal(new BigDecimal(n.toString()));
        } else {
            byte[] text = v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            putBytes(OTHER, text);
        }
    }

    private void putArray(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        ensure(5);
        buf[pos++] = ARRAY;
        putInt(n);
        for (int i = 0; i < n; i++) {
            put(java.lang.reflect.Array.get(array, i));
        }
    }

    private void putLocalDateTime(LocalDateTime t) {
        ensure(13);
        buf[pos++] = TIMESTAMP;
        putLong(t.toEpochSecond(ZoneOffset.UTC));
        putInt(t.getNano());
    }

    private void putInstant(Instant i) {
        ensure(13);
        buf[pos++] = TIMESTAMP_TZ;
        putLong(i.getEpochSecond());
        putInt(i.getNano());
    }

    private void putTagLong(byte tag, long v) {
        ensure(9);
        buf[pos++] = tag;
        putLong(v);
    }

    private void putFloat(double d) {
        long bits;
        if (Double.isNaN(d)) {
            bits = CANONICAL_NAN;
        } else if (d == 0.0) {
            bits = 0L; // -0.0 and +0.0 compare equal in SQL
        } else {
            bits = Double.doubleToRawLongBits(d);
        }
        putTagLong(FLOAT, bits);
    }

    private void putDecimal(BigDecimal bd) {
        BigDecimal n = bd.signum() == 0 ? BigDecimal.ZERO : bd.stripTrailingZeros();
        if (n.scale() < 0) {
            n = n.setScale(0);
        }
        putUnscaled(n.scale(), n.unscaledValue());
    }

    private void putUnscaled(int scale, BigInteger unscaled) {
        if (unscaled.bitLength() < 64) {
            putExact(scale, unscaled.longValue());
        } else {
            byte[] b = unscaled.toByteArray();
            ensure(9 + b.length);
            buf[pos++] = EXACT_BIG;
            putInt(scale);
            putInt(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }
    }

    private void putExact(int scale, long unscaled) {
        ensure(13);
        buf[pos++] = EXACT;
        putInt(scale);
        putLong(unscaled);
    }

    private void putBytes(byte tag, byte[] b) {
        ensure(5 + b.length);
        buf[pos++] = tag;
        putInt(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** UTF-8 straight into the buffer; an unpaired surrogate becomes '?' as in String.getBytes. */
    private void putText(String s) {
        int n = s.length();
        ensure(5 + 3 * n);
        buf[pos++] = TEXT;
        int lenAt = pos;
        pos += 4;
        byte[] b = buf;
        int p = pos;
        int i = 0;
        // ASCII prefix (usually the whole string) in a tight loop
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            b[p + i] = (byte) c;
        }
        p += i;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = (byte) '?';
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        int len = p - pos;
        pos = lenAt;
        putInt(len);
        pos = p;
    }

    private void putInt(int v) {
        INT_BE.set(buf, pos, v);
        pos += 4;
    }

    private void putLong(long v) {
        LONG_BE.set(buf, pos, v);
        pos += 8;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
