package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RowOrderTest {

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("SELECT a FROM t ORDER BY a", true),
                Arguments.of("select a from t order\n  by a desc limit 3", true),
                Arguments.of("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1", true),
                Arguments.of("SELECT a FROM t ORDER  BY a", true),
                Arguments.of("SELECT a FROM t /* c */ ORDER /* c */ BY a", true),
                Arguments.of("SELECT a, ROW_NUMBER() OVER (PARTITION BY b ORDER BY a) FROM t ORDER BY a", true),
                Arguments.of("SELECT a FROM t", false),
                Arguments.of("", false),
                Arguments.of("SELECT a, ROW_NUMBER() OVER (ORDER BY a) FROM t", false),
                Arguments.of("SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 5) s", false),
                Arguments.of("WITH w AS (SELECT a FROM t ORDER BY a) SELECT a FROM w", false),
                Arguments.of("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a) FROM t", false),
                Arguments.of("SELECT string_agg(a, ',' ORDER BY a) FROM t", false),
                Arguments.of("SELECT 'order by' AS x FROM t", false),
                Arguments.of("SELECT \"order by\" FROM t", false),
                Arguments.of("SELECT `order`, [by] FROM t", false),
                Arguments.of("SELECT 'it''s order by' FROM t -- order by x\n", false),
                Arguments.of("SELECT a /* ORDER BY a */ FROM t", false),
                Arguments.of("SELECT orderby, order_by FROM t", false),
                Arguments.of("SELECT a.order, b FROM t", false));
    }

    @ParameterizedTest
    @MethodSource("statements")
    void topLevelOrderByOnly(String sql, boolean ordered) {
        assertEquals(ordered, RowOrder.ordersRows(sql), sql);
    }

    @Test
    void nullIsUnordered() {
        assertEquals(false, RowOrder.ordersRows(null));
    }
}
