package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalResultDigestTest {

    private static CanonicalResultDigest digest(List<List<Object>> rows) {
        CanonicalResultDigest d = new CanonicalResultDigest();
        for (List<Object> row : rows) {
            d.beginRow();
            row.forEach(d::add);
            d.endRow();
        }
        return d;
    }

    @Test
    void integersOfAnyWidthAndEqualDecimalsEncodeTheSame() {
        byte[] ref = CanonicalResultDigest.encode(3L);
        for (Object v : new Object[] {(byte) 3, (short) 3, 3, BigInteger.valueOf(3), new BigDecimal("3.00"),
                new BigDecimal("0.3E1")}) {
            assertArrayEquals(ref, CanonicalResultDigest.encode(v), v.getClass().getSimpleName());
        }
        assertArrayEquals(CanonicalResultDigest.encode(new BigDecimal("1.50")), CanonicalResultDigest.encode(new BigDecimal("1.5")));
        assertArrayEquals(CanonicalResultDigest.encode(new BigDecimal("100")), CanonicalResultDigest.encode(100));
        assertArrayEquals(CanonicalResultDigest.encode(BigDecimal.ZERO), CanonicalResultDigest.encode(new BigDecimal("0.000")));
        BigInteger big = BigInteger.TWO.pow(70);
        assertArrayEquals(CanonicalResultDigest.encode(big), CanonicalResultDigest.encode(new BigDecimal(big).setScale(3)));
        assertNotEquals(HexFormat.of().formatHex(CanonicalResultDigest.encode(3)),
                HexFormat.of().formatHex(CanonicalResultDigest.encode("3")));
        assertNotEquals(HexFormat.of().formatHex(CanonicalResultDigest.encode(3)),
                HexFormat.of().formatHex(CanonicalResultDigest.encode(3.0)));
    }

    @Test
    void documentedEncodingOfAnInteger() {
        // tag 0x02, scale 0 (int32), value (int64), big-endian
        assertEquals("02" + "00000000" + "0000000000000007", HexFormat.of().formatHex(CanonicalResultDigest.encode(7)));
        // tag 0x05, byte length, UTF-8
        assertEquals("05" + "00000003" + "c3a961", HexFormat.of().formatHex(CanonicalResultDigest.encode("éa")));
        assertEquals("00", HexFormat.of().formatHex(CanonicalResultDigest.encode(null)));
    }

    @Test
    void floatingPointIsCanonical() {
        assertArrayEquals(CanonicalResultDigest.encode(0.0), CanonicalResultDigest.encode(-0.0));
        assertArrayEquals(CanonicalResultDigest.encode(Double.NaN), CanonicalResultDigest.encode(Float.NaN));
        assertArrayEquals(CanonicalResultDigest.encode(1.5f), CanonicalResultDigest.encode(1.5d));
        assertNotEquals(HexFormat.of().formatHex(CanonicalResultDigest.encode(0.1f)),
                HexFormat.of().formatHex(CanonicalResultDigest.encode(0.1d)));
    }

    @Test
    void textMatchesJavaUtf8IncludingSupplementaryCharacters() {
        for (String s : new String[] {"Zoë 😀 日本", "", "plain ascii", "Āa", "ÿ", "é at start", "ends in é", "a\u0100b",
                "lone \ud800 surrogate", "x".repeat(5000) + "ü"}) {
            byte[] enc = CanonicalResultDigest.encode(s);
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(5 + utf8.length, enc.length, s);
            assertArrayEquals(utf8, java.util.Arrays.copyOfRange(enc, 5, enc.length), s);
        }
        assertArrayEquals(CanonicalResultDigest.encode("x"), CanonicalResultDigest.encode('x'));
        assertArrayEquals(CanonicalResultDigest.encode("x"), CanonicalResultDigest.encode(new char[] {'x'}));
    }

    @Test
    void datesAndTimesAreIndependentOfTheirJavaType() {
        assertArrayEquals(CanonicalResultDigest.encode(LocalDate.of(2024, 2, 29)),
                CanonicalResultDigest.encode(java.sql.Date.valueOf("2024-02-29")));
        assertArrayEquals(CanonicalResultDigest.encode(LocalDateTime.of(2024, 2, 29, 13, 5, 7, 123_000_000)),
                CanonicalResultDigest.encode(java.sql.Timestamp.valueOf("2024-02-29 13:05:07.123")));
        assertArrayEquals(CanonicalResultDigest.encode(LocalTime.of(13, 5, 7)),
                CanonicalResultDigest.encode(java.sql.Time.valueOf("13:05:07")));
        Instant i = Instant.parse("2024-02-29T12:00:00Z");
        assertArrayEquals(CanonicalResultDigest.encode(i),
                CanonicalResultDigest.encode(OffsetDateTime.of(2024, 2, 29, 14, 0, 0, 0, ZoneOffset.ofHours(2))));
        assertArrayEquals(CanonicalResultDigest.encode(i), CanonicalResultDigest.encode(java.util.Date.from(i)));
        // a local timestamp is not an instant
        assertNotEquals(HexFormat.of().formatHex(CanonicalResultDigest.encode(LocalDateTime.of(2024, 2, 29, 12, 0))),
                HexFormat.of().formatHex(CanonicalResultDigest.encode(i)));
    }

    @Test
    void orderedDigestSeesOrderUnorderedDoesNot() {
        List<Object> a = List.of(1, "a");
        List<Object> b = List.of(2, "b");
        CanonicalResultDigest ab = digest(List.of(a, b));
        CanonicalResultDigest ba = digest(List.of(b, a));
        assertEquals(ab.unorderedHex(), ba.unorderedHex());
        assertNotEquals(ab.orderedHex(), ba.orderedHex());
        assertEquals(2, ab.rowCount());
        // multiset: a duplicate row changes it
        assertNotEquals(ab.unorderedHex(), digest(List.of(a, b, a)).unorderedHex());
        // column boundaries matter
        assertNotEquals(digest(List.of(List.of("ab", "c"))).orderedHex(), digest(List.of(List.of("a", "bc"))).orderedHex());
        // a row with one column vs two rows
        assertNotEquals(digest(List.of(List.of(1, 2))).unorderedHex(), digest(List.of(List.of(1), List.of(2))).unorderedHex());
    }

    @Test
    void deterministicAndDifferentFromEmpty() {
        List<List<Object>> rows = List.of(List.of(1, "x", new BigDecimal("2.50")), java.util.Arrays.asList(2, null, 3.25));
        CanonicalResultDigest d1 = digest(rows);
        CanonicalResultDigest d2 = digest(rows);
        assertEquals(d1.orderedHex(), d2.orderedHex());
        assertEquals(d1.unorderedHex(), d2.unorderedHex());
        assertEquals(d1.orderedHex(), d1.orderedHex(), "reading the digest does not change it");
        CanonicalResultDigest empty = new CanonicalResultDigest();
        assertNotEquals(empty.orderedHex(), d1.orderedHex());
        assertEquals(64, empty.unorderedHex().length());
    }

    @Test
    void sumCarriesAcrossWords() {
        // many rows exercise carries in the 256-bit sum; the multiset digest must be permutation-invariant
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(List.of(i, "row" + i));
        }
        CanonicalResultDigest fwd = digest(rows);
        java.util.Collections.shuffle(rows, new java.util.Random(42));
        assertEquals(fwd.unorderedHex(), digest(rows).unorderedHex());
    }

    @Test
    void misuseIsRefused() {
        CanonicalResultDigest d = new CanonicalResultDigest();
        assertThrows(IllegalStateException.class, () -> d.add(1));
        assertThrows(IllegalStateException.class, d::endRow);
        d.beginRow();
        assertThrows(IllegalStateException.class, d::beginRow);
    }

    @Test
    void arraysAndBytes() {
        assertArrayEquals(CanonicalResultDigest.encode(new Integer[] {1, 2}), CanonicalResultDigest.encode(new long[] {1, 2}));
        assertNotEquals(HexFormat.of().formatHex(CanonicalResultDigest.encode(new byte[] {1, 2})),
                HexFormat.of().formatHex(CanonicalResultDigest.encode(new Integer[] {1, 2})));
    }

    @Test
    void unorderedOnlyModeGivesTheSameMultisetDigestAndNoOrderedOne() {
        List<List<Object>> rows = List.of(List.of(1, "a"), List.of(2, "b"));
        CanonicalResultDigest both = digest(rows);
        CanonicalResultDigest only = new CanonicalResultDigest(false);
        for (List<Object> row : rows) {
            only.beginRow();
            row.forEach(only::add);
            only.endRow();
        }
        assertEquals(both.unorderedHex(), only.unorderedHex());
        assertEquals(null, only.orderedHex());
    }

    @Test
    void orderedDigestIsTheSameAcrossBufferFlushesAndMidRow() {
        // > 4 KB of encoded rows forces flushes of the ordered stream; reading mid-row ignores the partial row
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(List.of(i, "some text " + i));
        }
        CanonicalResultDigest d = digest(rows);
        String before = d.orderedHex();
        d.beginRow();
        d.add(1);
        assertEquals(before, d.orderedHex());
        assertEquals(3000, d.rowCount());
    }

    @Test
    void aResetDigestEqualsANewOneWhateverItHeldBefore() {
        List<List<Object>> rows = List.of(List.of(1, "a"), List.of(2, "b"));
        CanonicalResultDigest fresh = digest(rows);
        CanonicalResultDigest reused = new CanonicalResultDigest(false);
        for (int i = 0; i < 5000; i++) { // past a flush of the buffer, left mid-row
            reused.beginRow();
            reused.add("other " + i);
            reused.endRow();
        }
        reused.unorderedHex();
        reused.beginRow();
        reused.add(7);
        for (boolean ordered : new boolean[] {true, false, true}) {
            reused.reset(ordered);
            assertEquals(ordered, reused.ordered());
            assertEquals(0, reused.rowCount());
            for (List<Object> row : rows) {
                reused.beginRow();
                row.forEach(reused::add);
                reused.endRow();
            }
            assertEquals(fresh.unorderedHex(), reused.unorderedHex());
            assertEquals(ordered ? fresh.orderedHex() : null, reused.orderedHex());
            assertEquals(fresh.unorderedHex(), reused.unorderedHex(), "reading twice gives the same value");
        }
    }
}
