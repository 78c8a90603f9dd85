package dev.nlsql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reranking rule on candidates the shipped model returned for Spider train questions (RerankDump). */
class CandidateRankerTest {

    // flight_4, "Find the name of the airports located in Cuba or Argentina.": the model's order
    private static final Candidate WRONG_COLUMN = new Candidate(
            "SELECT airports.name FROM airports WHERE airports.country = __STR_1__ OR airports.city = __STR_2__", -1.651);
    private static final Candidate BOTH_COUNTRY = new Candidate(
            "SELECT airports.name FROM airports WHERE airports.country = __STR_1__ OR airports.country = __STR_2__", -1.840);
    private static final Map<String, Set<String>> LINKED =
            Map.of("__STR_1__", Set.of("airports.country"), "__STR_2__", Set.of("airports.country"));

    @Test
    void conflictsCountComparisonsWithAnotherColumnThanTheLinkedOne() {
        assertEquals(1, CandidateRanker.conflicts(WRONG_COLUMN.sql(), LINKED));
        assertEquals(0, CandidateRanker.conflicts(BOTH_COUNTRY.sql(), LINKED));
        assertEquals(0, CandidateRanker.conflicts(WRONG_COLUMN.sql(), Map.of()), "no hint, no conflict");
        assertEquals(0, CandidateRanker.conflicts(WRONG_COLUMN.sql(), Map.of("__STR_1__", Set.of("AIRPORTS.Country"))),
                "names compare case-insensitively; unlinked placeholders are not counted");
    }

    @Test
    void conflictsSeeLikeNotAndQuotedIdentifiers() {
        Map<String, Set<String>> linked = Map.of("__STR_1__", Set.of("order.name"));
        assertEquals(0, CandidateRanker.conflicts("SELECT COUNT(*) FROM \"order\" WHERE \"order\".name LIKE '%' || __STR_1__ || '%'", linked));
        assertEquals(1, CandidateRanker.conflicts("SELECT COUNT(*) FROM \"order\" WHERE \"order\".city NOT LIKE __STR_1__ || '%'", linked));
        assertEquals(1, CandidateRanker.conflicts("SELECT t.a FROM t WHERE t.b != __STR_1__", linked));
    }

    @Test
    void consistentCandidateMovesAheadAndTheRestKeepTheModelsOrder() {
        Candidate third = new Candidate("SELECT airports.name FROM airports WHERE airports.city = __STR_1__ OR airports.city = __STR_2__", -3.0);
        List<Candidate> ranked = CandidateRanker.rank(List.of(WRONG_COLUMN, third, BOTH_COUNTRY), Candidate::sql,
                Candidate::score, LINKED, "Find the name of the airports located in __STR_1__ or __STR_2__.", 0);
        assertEquals(List.of(BOTH_COUNTRY, WRONG_COLUMN, third), ranked);
    }

    // Spider train #373 (flight_1): the model's first two candidates, with their log-probabilities
    private static final String EMPLOYEE_Q = "Show the id and name of the employee with maximum salary.";
    private static final Candidate SALARY = new Candidate(
            "SELECT employee.eid, employee.salary FROM employee ORDER BY employee.salary DESC LIMIT 1", -1.76);
    private static final Candidate NAME = new Candidate(
            "SELECT employee.eid, employee.name FROM employee ORDER BY employee.salary DESC LIMIT 1", -2.20);

    @Test
    void coverageCountsQuestionWordsNamedByTheCandidatesTablesAndColumns() {
        // question words: id, name, employee, maximum, salary (stemmed; stopwords out)
        assertEquals(2, CandidateRanker.coverage(SALARY.sql(), EMPLOYEE_Q));
        assertEquals(3, CandidateRanker.coverage(NAME.sql(), EMPLOYEE_Q));
        assertEquals(3, CandidateRanker.coverage("SELECT Dorm.dorm_name FROM Dorm WHERE Dorm.dormid NOT IN "
                + "(SELECT Has_amenity.dormid FROM Has_amenity)", "Names of dorms with no amenities?"),
                "snake case split, plurals stemmed: dorm, name, amenity");
        assertEquals(0, CandidateRanker.coverage("SELECT COUNT(*) FROM singer WHERE singer.Age > 3", EMPLOYEE_Q),
                "keywords and numbers are not schema words");
    }

    @Test
    void coverageReordersOnlyWithinTheLogProbabilityWindow() {
        List<Candidate> given = List.of(SALARY, NAME);
        assertEquals(List.of(NAME, SALARY), CandidateRanker.rank(given, Candidate::sql, Candidate::score, Map.of(), EMPLOYEE_Q,
                CandidateRanker.COVERAGE_WINDOW));
        assertEquals(given, CandidateRanker.rank(given, Candidate::sql, Candidate::score, Map.of(), EMPLOYEE_Q, 0.4),
                "0.44 nats behind: outside a window of 0.4");
        assertEquals(given, CandidateRanker.rank(given, Candidate::sql, Candidate::score, Map.of(), EMPLOYEE_Q, 0), "window 0: off");
    }

    @Test
    void valueConsistencyTakesPrecedenceOverCoverage() {
        // a linked value in employee.name (hypothetical hint): the candidate without a comparison has no conflict
        Candidate filtered = new Candidate("SELECT employee.eid, employee.name, employee.salary FROM employee WHERE employee.eid = __STR_1__", -1.0);
        List<Candidate> ranked = CandidateRanker.rank(List.of(filtered, SALARY), Candidate::sql, Candidate::score,
                Map.of("__STR_1__", Set.of("employee.name")), EMPLOYEE_Q, CandidateRanker.COVERAGE_WINDOW);
        assertEquals(List.of(SALARY, filtered), ranked, "coverage 3 > 2 but one conflict");
    }
}
