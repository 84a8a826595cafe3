package registration.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import registration.config.DbTime;
import registration.config.Retention;

/**
 * Deletes expired cookie sessions every hour (a db-scheduler recurring task: one instance at a time), so that
 * sessions of customers who never come back do not pile up. An expired session is refused already; a cached
 * copy of it stays refused, so no change needs recording.
 */
@Configuration(proxyBeanMethods = false)
class SessionPurge {

    private final JdbcClient jdbc;
    private final Clock clock;

    SessionPurge(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> authSessionPurgeTask() {
        return Retention.hourly("auth-session-purge", this::purge);
    }

    /** Returns how many expired sessions it deleted. */
    int purge() {
        return Retention.purge(clock, Duration.ZERO, this::deleteBefore);
    }

    private int deleteBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM auth_session
                WHERE id IN (SELECT id FROM auth_session WHERE expires_at < :cutoff ORDER BY expires_at LIMIT :limit)""")
                .param("cutoff", DbTime.of(cutoff)).param("limit", limit)
                .update();
    }
}
