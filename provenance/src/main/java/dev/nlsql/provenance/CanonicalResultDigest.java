package dev.nlsql.provenance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.DigestException;
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
 * The project's {@link ResultDigest}: streaming, nothing buffered beyond the current row, and
 * independent of the Java type a driver returns for a value (an {@code Integer} 3, a
 * {@code Long} 3, a {@code BigInteger} 3 and a {@code BigDecimal} 3.00 digest the same).
 *
 * <p><b>Per-row hash.</b> Each row's values are encoded canonically (see {@link #encode(Object)}
 * and the module README) into a reusable buffer; the row hash is SHA-256 of that encoding.
 *
 * <p><b>Ordered digest.</b> SHA-256 over {@code "nlsql-result-ordered-v1\0"}, then every row hash
 * in the order read, then the row count as a big-endian 64-bit integer: a hash chain over the
 * row hashes, so any reordering, insertion or removal changes it.
 *
 * <p><b>Order-insensitive digest.</b> The row hashes, read as unsigned 256-bit big-endian
 * integers, are added modulo 2^256 (the additive multiset hash "AdHash" of Bellare and
 * Micciancio, "A New Paradigm for Collision-free Hashing: Incrementality at Reduced Cost",
 * EUROCRYPT 1997; the MSet-Add-Hash of Clarke et al., "Incremental Multiset Hash Functions and
 * Their Application to Memory Integrity Checking", ASIACRYPT 2003). The published value is
 * SHA-256 over {@code "nlsql-result-unordered-v1\0"}, the row count (64-bit big-endian) and the
 * 32-byte sum. Duplicated rows count (it is a multiset, not a set). The additive construction is
 * meant to detect accidental change, not a forger: Wagner's generalized birthday attack (CRYPTO
 * 2002) finds additive collisions far below 2^128 work.
 *
 * <p>Cost: one SHA-256 of the row encoding plus half a SHA-256 block for the chain, about 60 ns
 * for a small row on a CPU with SHA extensions; no allocation per row for integers, text of
 * ASCII or otherwise, and floating point. Not thread-safe: one per result set.
 */
public final class CanonicalResultDigest implements ResultDigest {

    /** Type tags of the canonical encoding (one byte before each value). */
    static final byte NULL = 0x00, BOOLEAN = 0x01, EXACT = 0x02, EXACT_BIG = 0x03, FLOAT = 0x04,
            TEXT = 0x05, BYTES = 0x06, DATE = 0x07, TIME = 0x08, TIME_TZ = 0x09, TIMESTAMP = 0x0A,
            TIMESTAMP_TZ = 0x0B, ARRAY = 0x0C, OTHER = 0x0D;

    private static final byte[] ORDERED_DOMAIN = "nlsql-result-ordered-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] UNORDERED_DOMAIN = "nlsql-result-unordered-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long CANONICAL_NAN = 0x7ff8000000000000L;

    private final MessageDigest rowDigest = Hashes.sha256();
    private final MessageDigest chain = Hashes.sha256();
    private final byte[] rowHash = new byte[32];
    private byte[] buf = new byte[256];
    private int pos;
    private boolean inRow;
    private long rows;
    /** The 256-bit sum, most significant word first. */
    private long s0, s1, s2, s3;

    /** A digest over zero rows so far. */
    public CanonicalResultDigest() {
        chain.update(ORDERED_DOMAIN);
    }

    /**
     * Reads every remaining row of {@code rs} with {@code getObject} and returns their digest.
     *
     * @throws SQLException whatever the result set throws
     */
    public static CanonicalResultDigest of(ResultSet rs) throws SQLException {
        CanonicalResultDigest d = new CanonicalResultDigest();
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
        CanonicalResultDigest d = new CanonicalResultDigest();
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
        pos = 0;
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
        rowDigest.update(buf, 0, pos);
        try {
            rowDigest.digest(rowHash, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        chain.update(rowHash, 0, 32);
        addToSum(rowHash);
        rows++;
    }

    @Override
    public long rowCount() {
        return rows;
    }

    @Override
    public String orderedHex() {
        try {
            MessageDigest c = (MessageDigest) chain.clone();
            c.update(longBytes(rows));
            return Hashes.hex(c.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String unorderedHex() {
        MessageDigest c = Hashes.sha256();
        c.update(UNORDERED_DOMAIN);
        c.update(longBytes(rows));
        c.update(longBytes(s0));
        c.update(longBytes(s1));
        c.update(longBytes(s2));
        c.update(longBytes(s3));
        return Hashes.hex(c.digest());
    }

    private void addToSum(byte[] h) {
        long w3 = word(h, 24), w2 = word(h, 16), w1 = word(h, 8), w0 = word(h, 0);
        long r3 = s3 + w3;
        long c = Long.compareUnsigned(r3, s3) < 0 ? 1 : 0;
        long r2 = s2 + w2 + c;
        c = (Long.compareUnsigned(r2, s2) < 0 || (c == 1 && r2 == s2)) ? 1 : 0;
        long r1 = s1 + w1 + c;
        c = (Long.compareUnsigned(r1, s1) < 0 || (c == 1 && r1 == s1)) ? 1 : 0;
        s0 = s0 + w0 + c;
        s1 = r1;
        s2 = r2;
        s3 = r3;
    }

    private static long word(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
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
        for (int i = 0; i < n; i++) {
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
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
