package dev.nlsql.cli.provenance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --since} values: an ISO-8601 instant ({@code 2026-11-21T10:00:00Z}), a date
 * ({@code 2026-11-21}, midnight UTC), an ISO duration ({@code PT2H}) or a short one
 * ({@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}) counted back from now.
 */
public final class Since implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        return parse(value, Instant.now());
    }

    /** {@code value} as an instant, relative forms counted back from {@code now}. */
    static Instant parse(String value, Instant now) {
        String v = value.trim();
        try {
            if (v.matches("\\d+[smhd]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                Duration d = switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return now.minus(d);
            }
            if (v.toUpperCase(Locale.ROOT).startsWith("P")) {
                return now.minus(Duration.parse(v));
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new TypeConversionException("not a time: " + value
                    + " (use 2026-11-21T10:00:00Z, 2026-11-21, PT2H, or 30m/2h/7d)");
        }
    }
}
