package registration.config;

import java.util.Locale;

/**
 * Which database a JDBC URL names, as far as defaults go (SPEC 11 "Which database counts as embedded H2"):
 * {@code jdbc:h2:mem:} and {@code jdbc:h2:file:} (and H2's implicit file form, {@code jdbc:h2:./data/db}) are the
 * embedded development database, where dev defaults apply; H2's server mode ({@code tcp:}, {@code ssl:}) is
 * refused at start-up; everything else is a production database and gets the production checks.
 */
public enum DatabaseKind {
    EMBEDDED_H2, H2_SERVER, OTHER;

    /** A missing URL is Spring Boot's generated in-memory H2 database. */
    public static DatabaseKind of(String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return EMBEDDED_H2;
        }
        String url = jdbcUrl.strip().toLowerCase(Locale.ROOT);
        if (!url.startsWith("jdbc:h2:")) {
            return OTHER;
        }
        return url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:") ? H2_SERVER : EMBEDDED_H2;
    }
}
