package dev.nlsql.nl;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test translator returning fixed candidates, to exercise the validator and the pipeline
 * around the model (not the model itself). Records the requests it saw.
 */
final class FixedTranslator implements Translator {
    private final List<String> candidates;
    final AtomicInteger calls = new AtomicInteger();
    final List<TranslationRequest> requests = new ArrayList<>();

    FixedTranslator(String... candidates) {
        this.candidates = List.of(candidates);
    }

    /** A translator that answers every question with SQL naming a table no schema has. */
    public static FixedTranslator nonsense() {
        return new FixedTranslator("SELECT Missing FROM Nowhere");
    }

    @Override
    public synchronized List<Candidate> translate(TranslationRequest request) {
        calls.incrementAndGet();
        requests.add(request);
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            out.add(new Candidate(candidates.get(i), -i));
        }
        return out;
    }

    @Override
    public ModelIdentity identity() {
        return new ModelIdentity("fixed-test", "00112233445566778899aabbccddeeff", "fixed");
    }
}
