package dev.nlsql.model;

import java.util.List;

/**
 * Turns a question (values already replaced by placeholders) and the linked part of a schema
 * into candidate SQL SELECT statements.
 *
 * <p>Implementations: the project's own DJL model, and a client for an OpenAI-compatible
 * completion endpoint. The NL dialect validates every candidate before anything runs; a
 * translator never executes SQL.
 */
public interface Translator extends AutoCloseable {

    /**
     * Translates one question.
     *
     * @param request schema, masked question, placeholder map, target dialect, candidate count
     * @return candidates, best first (at most {@code request.maxCandidates()}); may be empty
     * @throws TranslationException when the model cannot run (not when it merely produces a
     *     poor candidate: that is for the caller's validation to judge)
     */
    List<Candidate> translate(TranslationRequest request) throws TranslationException;

    /** The identity recorded in provenance: name, weights SHA-256 and decode settings. */
    ModelIdentity identity();

    @Override
    default void close() {}
}
