package dev.nlsql.model;

/** The translator could not run (weights missing, engine failure, remote endpoint down). */
public class TranslationException extends Exception {
    public TranslationException(String message) {
        super(message);
    }

    public TranslationException(String message, Throwable cause) {
        super(message, cause);
    }
}
