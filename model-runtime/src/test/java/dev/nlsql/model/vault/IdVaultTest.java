package dev.nlsql.model.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdVaultTest {

    @Test
    void numbersAreMaskedLeftToRight() {
        MaskedQuestion m = IdVault.mask("customers with more than 10 orders and over 1,250.50 spent, at least -3 returns");
        assertEquals("customers with more than __NUM_1__ orders and over __NUM_2__ spent, at least __NUM_3__ returns", m.text());
        assertEquals(new BigDecimal("10"), m.slots().get("__NUM_1__").value());
        assertEquals(new BigDecimal("1250.50"), m.slots().get("__NUM_2__").value());
        assertEquals(new BigDecimal("-3"), m.slots().get("__NUM_3__").value());
        assertEquals("1,250.50", m.slots().get("__NUM_2__").original());
    }

    @Test
    void ordinalsAndSentenceQuestionMarksStayText() {
        MaskedQuestion m = IdVault.mask("Who has the 2nd highest salary older than 56 ?");
        assertEquals("Who has the 2nd highest salary older than __NUM_1__ ?", m.text());
        assertEquals(1, m.slots().size());
    }

    @Test
    void quotedStringsWithEscapesAndApostrophes() {
        MaskedQuestion m = IdVault.mask("tracks by 'Guns N'' Roses' that O'Brien's friends liked in \"Rock & Roll\"");
        assertEquals("tracks by __STR_1__ that O'Brien's friends liked in __STR_2__", m.text());
        assertEquals("Guns N' Roses", m.slots().get("__STR_1__").value());
        assertEquals("'Guns N'' Roses'", m.slots().get("__STR_1__").original());
        assertEquals("Rock & Roll", m.slots().get("__STR_2__").value());
    }

    @Test
    void unicodeQuotesAndText() {
        MaskedQuestion m = IdVault.mask("Kunden in „Köln“ oder “Zürich” mit ‘Ärger’ über 5 Bestellungen");
        assertEquals("Kunden in __STR_1__ oder __STR_2__ mit __STR_3__ über __NUM_1__ Bestellungen", m.text());
        assertEquals("Köln", m.slots().get("__STR_1__").value());
        assertEquals("Zürich", m.slots().get("__STR_2__").value());
        assertEquals("Ärger", m.slots().get("__STR_3__").value());
    }

    @Test
    void datesInCommonFormsBecomeIso() {
        MaskedQuestion m = IdVault.mask(
                "orders between 2024-01-15 and March 3, 2024, shipped on 3rd of Feb 2023 or 31/12/2022 or 12.05.2021 or 02/03/2020");
        assertEquals("orders between __DATE_1__ and __DATE_2__, shipped on __DATE_3__ or __DATE_4__ or __DATE_5__ or __DATE_6__", m.text());
        assertEquals(LocalDate.of(2024, 1, 15), m.slots().get("__DATE_1__").value());
        assertEquals(LocalDate.of(2024, 3, 3), m.slots().get("__DATE_2__").value());
        assertEquals(LocalDate.of(2023, 2, 3), m.slots().get("__DATE_3__").value());
        assertEquals(LocalDate.of(2022, 12, 31), m.slots().get("__DATE_4__").value());
        assertEquals(LocalDate.of(2021, 5, 12), m.slots().get("__DATE_5__").value());
        assertEquals(LocalDate.of(2020, 2, 3), m.slots().get("__DATE_6__").value());
    }

    @Test
    void impossibleDatesAreNotDates() {
        MaskedQuestion m = IdVault.mask("what happened on 2023-02-30");
        assertEquals(0, m.slots().values().stream().filter(s -> s.kind() == SlotKind.DATE).count());
    }

    @Test
    void keyLikeIdentifiers() {
        MaskedQuestion m = IdVault.mask(
                "status of order ORD-1234, invoice #10248, flight A320 and id 123e4567-e89b-12d3-a456-426614174000");
        assertEquals("status of order __ID_1__, invoice __ID_2__, flight __ID_3__ and id __ID_4__", m.text());
        assertEquals("ORD-1234", m.slots().get("__ID_1__").value());
        assertEquals(10248L, m.slots().get("__ID_2__").value());
        assertEquals("A320", m.slots().get("__ID_3__").value());
        assertEquals("123e4567-e89b-12d3-a456-426614174000", m.slots().get("__ID_4__").value());
    }

    @Test
    void boundMarkersTakeTheirValuesTypes() {
        MaskedQuestion m = IdVault.mask("invoices of customer ? after ? over ? in 'USA'?",
                List.of("ALFKI", LocalDate.of(2020, 1, 1), 12.5), null);

        // numbering is left to right per kind: the marker comes before the quoted string
        assertEquals("invoices of customer __STR_1__ after __DATE_1__ over __NUM_1__ in __STR_2__?", m.text());
        assertEquals("ALFKI", m.slots().get("__STR_1__").value());
        assertEquals("?", m.slots().get("__STR_1__").original());
        assertEquals(LocalDate.of(2020, 1, 1), m.slots().get("__DATE_1__").value());
        assertEquals(12.5, m.slots().get("__NUM_1__").value());
        assertEquals("USA", m.slots().get("__STR_2__").value());
    }

    @Test
    void trailingQuestionMarkIsPunctuationWhenOneMarkerTooMany() {
        MaskedQuestion m = IdVault.mask("how many tracks cost more than ? ?", List.of(new BigDecimal("0.99")), null);
        assertEquals("how many tracks cost more than __NUM_1__ ?", m.text());
    }

    @Test
    void markerCountMismatchIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> IdVault.mask("between ? and ? or ? today", List.of(1, 2), null));
    }

    @Test
    void valueIndexSpansBecomeStrings() {
        ValueIndex idx = ValueIndex.of(Map.of(
                "customer.country", List.of("USA", "United Kingdom", "Germany"),
                "artist.name", List.of("AC/DC", "Led Zeppelin")));
        MaskedQuestion m = IdVault.mask("customers from the united kingdom who like Led Zeppelin, not from USA", List.of(), idx);
        assertEquals("customers from the __STR_1__ who like __STR_2__, not from __STR_3__", m.text());
        assertEquals("united kingdom", m.slots().get("__STR_1__").value());
        assertEquals("customer.country", m.slots().get("__STR_1__").column());
        assertEquals("artist.name", m.slots().get("__STR_2__").column());
        assertNull(IdVault.mask("from 'USA'", List.of(), idx).slots().get("__STR_1__").column());
        ValueIndex pets = ValueIndex.of(Map.of("pets.pettype", List.of("dog", "cat")));
        assertEquals("the youngest dog", IdVault.mask("the youngest dog", List.of(), pets).text());
        assertEquals("the youngest __STR_1__", IdVault.mask("the youngest Dog", List.of(), pets).text());
    }

    @Test
    void numberingIsDeterministic() {
        String q = "top 5 albums by 'Queen' released after 1980 with id X-42";
        assertEquals(IdVault.mask(q), IdVault.mask(q));
        assertEquals("top __NUM_1__ albums by __STR_1__ released after __NUM_2__ with id __ID_1__", IdVault.mask(q).text());
    }
}
