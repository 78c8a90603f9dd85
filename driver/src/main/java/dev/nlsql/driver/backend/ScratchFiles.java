package dev.nlsql.driver.backend;

import dev.nlsql.driver.NlsqlConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Names the persistent scratch database of a source:
 * {@code <nlsql.home>/scratch/<engine>/<source file stem>-<first 12 hex of SHA-256 of the
 * source's absolute location>.<ext>}, so each source database has its own scratch, kept
 * between sessions.
 */
final class ScratchFiles {
    private ScratchFiles() {}

    static Path scratchFile(NlsqlConfig config, String engine, String sourceLocation, String ext) throws SQLException {
        String abs = sourceLocation;
        try {
            abs = Path.of(sourceLocation).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            // not a path (host/db): use as given
        }
        String stem = abs.replaceAll(".*[/\\\\]", "").replaceAll("\\.[A-Za-z0-9]+$", "").replaceAll("[^A-Za-z0-9_-]", "_");
        if (stem.isEmpty()) {
            stem = "db";
        }
        Path dir = config.home().resolve("scratch").resolve(engine);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SQLException("cannot create the scratch directory " + dir + " (set nlsql.home or nlsql.scratch=memory): " + e,
                    "08001", e);
        }
        return dir.resolve(stem + "-" + sha256(abs).substring(0, 12) + "." + ext);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code s} as an SQL string literal. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
