package dev.nlsql.policy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer fuzz test of the policy against a real SQLite engine (read-write: the policy is the only
 * wall). The input picks a seed from the red-team corpora and mutates it (fragments from the
 * input, splices with another seed); every allowed statement runs; after each input the source
 * digest and the files must be unchanged. In the normal test run Jazzer is in regression mode
 * (its stored inputs only, a second or so); {@link PolicyMutationTest} adds a fixed-seed loop.
 * Longer, coverage-guided:
 * {@code JAZZER_FUZZ=1 ./mvnw -B -o -pl policy -am test -Dtest=PolicyFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=10m}.
 */
class PolicyFuzzTest {

    private static FuzzHarness h;

    @BeforeAll
    static void setUp() throws Exception {
        h = new FuzzHarness();
    }

    @AfterAll
    static void tearDown() throws Exception {
        System.out.printf("[fuzz] jazzer sqlite %s invariant=holds%n", h.counts);
        h.close();
    }

    @FuzzTest(maxDuration = "20s")
    void fuzz(FuzzedDataProvider data) throws Exception {
        String base = h.seeds.get(data.consumeInt(0, h.seeds.size() - 1));
        int op = data.consumeInt(0, 5);
        int pos = data.consumeInt(0, base.length());
        String other = h.seeds.get(data.consumeInt(0, h.seeds.size() - 1));
        String frag = data.consumeRemainingAsString();
        h.check(FuzzHarness.mutate(base, op, pos, frag, other));
    }
}
