package registration.config;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants cross JDBC as UTC {@link OffsetDateTime}: the one type that both the PostgreSQL driver and H2
 * map to {@code TIMESTAMP WITH TIME ZONE} without a session-time-zone surprise.
 */
public final class DbTime {

    private DbTime() {
    }

    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
