package registration.config;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * How the API and its messages write an instant (SPEC 8a "Times"): ISO-8601 UTC with exactly three fraction
 * digits, {@code 2026-03-12T10:15:00.000Z}. The instant printer, not a pattern: a pattern's fraction goes
 * through BigDecimal, and every customer answer carries several instants.
 */
public final class ApiTime {

    private static final DateTimeFormatter ISO_MILLIS = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private ApiTime() {
    }

    public static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
