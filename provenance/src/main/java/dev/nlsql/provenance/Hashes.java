package dev.nlsql.provenance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers: lower-case hex digests of bytes and UTF-8 text. */
public final class Hashes {
    private static final HexFormat HEX = HexFormat.of();
    /** A fresh SHA-256, never updated: cloning it skips the provider lookup of getInstance. */
    private static final MessageDigest PROTOTYPE = lookup();

    private Hashes() {}

    /**
     * A fresh SHA-256 {@link MessageDigest} (every JVM has one): a clone of a prototype, which
     * costs a fraction of {@code MessageDigest.getInstance}'s provider lookup.
     */
    public static MessageDigest sha256() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookup();
        }
    }

    private static MessageDigest lookup() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}: 64 characters. */
    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(sha256().digest(bytes));
    }

    /** Lower-case hex SHA-256 of the UTF-8 encoding of {@code text}: 64 characters. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
