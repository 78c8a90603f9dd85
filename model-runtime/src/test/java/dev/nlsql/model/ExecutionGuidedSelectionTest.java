package dev.nlsql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.ExecutionGuidedSelection.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionGuidedSelectionTest {

    private static ExecutionGuidedSelection.Choice<String> choose(List<String> cands, Map<String, Probe> outcome,
            List<String> probed) {
        return ExecutionGuidedSelection.select(cands, c -> {
            probed.add(c);
            return outcome.get(c);
        }).orElseThrow();
    }

    @Test
    void firstCandidateWithRowsWinsAndLaterOnesAreNotProbed() {
        List<String> probed = new ArrayList<>();
        var c = choose(List.of("a", "b", "c", "d"),
                Map.of("a", Probe.FAILED, "b", Probe.EMPTY, "c", Probe.ROWS, "d", Probe.ROWS), probed);
        assertEquals("c", c.chosen());
        assertEquals(2, c.index());
        assertEquals(Probe.ROWS, c.chosenProbe());
        assertEquals(List.of("a", "b", "c"), probed);
    }

    @Test
    void firstCandidateReturningRowsCostsOneProbe() {
        List<String> probed = new ArrayList<>();
        var c = choose(List.of("a", "b"), Map.of("a", Probe.ROWS, "b", Probe.ROWS), probed);
        assertEquals("a", c.chosen());
        assertEquals(List.of("a"), probed);
    }

    @Test
    void withoutRowsTheFirstThatExecutesIsTaken() {
        var c = choose(List.of("a", "b", "c"), Map.of("a", Probe.FAILED, "b", Probe.EMPTY, "c", Probe.EMPTY),
                new ArrayList<>());
        assertEquals("b", c.chosen());
        assertEquals(List.of(Probe.FAILED, Probe.EMPTY, Probe.EMPTY), c.probes());
    }

    @Test
    void whenNothingExecutesTheFirstCandidateIsTaken() {
        var c = choose(List.of("a", "b"), Map.of("a", Probe.FAILED, "b", Probe.FAILED), new ArrayList<>());
        assertEquals("a", c.chosen());
        assertEquals(Probe.FAILED, c.chosenProbe());
    }

    @Test
    void anUnknownOutcomeStopsTheSearch() {
        List<String> probed = new ArrayList<>();
        var c = choose(List.of("a", "b", "c"), Map.of("a", Probe.EMPTY, "b", Probe.UNKNOWN, "c", Probe.ROWS), probed);
        assertEquals("b", c.chosen());
        assertEquals(List.of("a", "b"), probed);
    }

    @Test
    void noCandidateNoChoice() {
        assertTrue(ExecutionGuidedSelection.select(List.<String>of(), x -> Probe.ROWS).isEmpty());
    }
}
