package registration.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Health {@code database}, part of readiness: UP while the database answers, DOWN while it cannot be reached,
 * so that a load balancer stops sending requests that could only answer 503, and sends them again once it
 * answers. It keeps a connection of its own, outside the request pool: a pool that is merely busy must not make
 * the instance "not ready" (SPEC §11), and a probe must not queue behind the requests it is meant to shed.
 * Every check is bounded (a 1 s validity check; on PostgreSQL a reconnect waits at most 2 s to connect, log in
 * or read), and a probe that arrives while another checks gets the last answer instead of waiting. Boot's own
 * {@code db} indicator (which borrows from the pool) is switched off in application.yml.
 */
@Component("databaseHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator {

    private static final int VALID_SECONDS = 1;
    private static final String PROBE_WAIT_SECONDS = "2";
    /** Probes of several orchestrators and load balancers at once get one check per this interval. */
    private static final Duration FRESH = Duration.ofMillis(500);

    private final HikariDataSource pool;
    private final Clock clock = Clock.systemUTC(); // wall time of the probe, not the application's (tests move that)
    private final ReentrantLock checking = new ReentrantLock();
    private Connection connection;
    private volatile Health last = Health.unknown().build();
    private volatile Instant checkedAt = Instant.EPOCH;

    DatabaseHealthIndicator(DataSource dataSource) throws SQLException {
        this.pool = dataSource.unwrap(HikariDataSource.class);
    }

    @Override
    public Health health() {
        if (clock.instant().isBefore(checkedAt.plus(FRESH)) || !checking.tryLock()) {
            return last;
        }
        try {
            last = check();
            checkedAt = clock.instant();
            return last;
        } finally {
            checking.unlock();
        }
    }

    private Health check() {
        try {
            if (connection == null || !connection.isValid(VALID_SECONDS)) {
                close();
                connection = connect();
                if (!connection.isValid(VALID_SECONDS)) {
                    close();
                    return Health.down().withDetail("error", "no answer").build();
                }
            }
            return Health.up().build();
        } catch (SQLException e) {
            close();
            // The class and SQLState only: a driver message may name the host, the user or quote values.
            return Health.down().withDetail("error", e.getClass().getSimpleName() + " " + e.getSQLState()).build();
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        if (pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            properties.setProperty("loginTimeout", PROBE_WAIT_SECONDS);
            properties.setProperty("connectTimeout", PROBE_WAIT_SECONDS);
            properties.setProperty("socketTimeout", PROBE_WAIT_SECONDS);
            properties.setProperty("ApplicationName", "customer-registration readiness");
        }
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    private void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection: nothing left to release
            }
            connection = null;
        }
    }
}
