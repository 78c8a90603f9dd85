package dev.nlsql.driver.pipeline;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.TranslationException;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.Translator;
import java.util.List;

/**
 * A translator that loads the real one on first use, so that connecting never pays for the
 * model (loading DJL and the shipped weights takes about a second) and only the first question
 * does. A load failure is remembered and reported on every later use (SQLState HY000 upstream).
 * Thread-safe.
 */
final class LazyTranslator implements Translator {

    /** Makes the real translator. */
    interface Loader {
        Translator load() throws TranslationException;
    }

    private final Loader loader;
    private volatile Translator loaded;
    private TranslationException failure;

    LazyTranslator(Loader loader) {
        this.loader = loader;
    }

    private Translator get() throws TranslationException {
        Translator t = loaded;
        if (t != null) {
            return t;
        }
        synchronized (this) {
            if (loaded == null) {
                if (failure != null) {
                    throw failure;
                }
                try {
                    loaded = loader.load();
                } catch (TranslationException e) {
                    failure = e;
                    throw e;
                }
            }
            return loaded;
        }
    }

    @Override
    public List<Candidate> translate(TranslationRequest request) throws TranslationException {
        return get().translate(request);
    }

    /** Loads the model if needed; a model that cannot load reports itself as {@code unavailable}. */
    @Override
    public ModelIdentity identity() {
        try {
            return get().identity();
        } catch (TranslationException e) {
            return new ModelIdentity("unavailable", "", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        Translator t = loaded;
        if (t != null) {
            t.close();
        }
    }
}
