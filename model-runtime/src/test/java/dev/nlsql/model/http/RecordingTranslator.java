package dev.nlsql.model.http;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.TranslationException;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test translator for the protocol tests (a remote model cannot run here): records each request
 * and answers with candidates derived from it, the k-th scored {@code -k}, worst first, so that
 * the client's sorting is observable.
 */
final class RecordingTranslator implements Translator {

    final List<TranslationRequest> received = new CopyOnWriteArrayList<>();
    volatile long delayMs;
    volatile boolean fail;

    @Override
    public List<Candidate> translate(TranslationRequest r) throws TranslationException {
        received.add(r);
        if (fail) {
            throw new TranslationException("weights missing");
        }
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String table = r.schema().tables().get(0).name();
        String col = r.schema().tables().get(0).columns().get(0).name();
        String where = r.placeholders().isEmpty() ? "" : " WHERE " + col + " = " + r.placeholderNames().get(0);
        List<Candidate> out = new ArrayList<>();
        for (int k = r.maxCandidates() - 1; k >= 0; k--) {
            out.add(new Candidate("SELECT " + col + " FROM " + table + where + " LIMIT " + (k + 1), -k));
        }
        return out;
    }

    @Override
    public ModelIdentity identity() {
        return new ModelIdentity("recording-test", "ab".repeat(32), "greedy");
    }
}
