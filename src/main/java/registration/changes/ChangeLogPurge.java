package registration.changes;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import registration.config.DbTime;
import registration.config.Retention;

/**
 * Deletes change rows older than {@code token-cache.retention} every hour (a db-scheduler recurring task: one
 * instance at a time). Every running instance has read them long before; one that starts reads only the newest.
 */
@Configuration(proxyBeanMethods = false)
class ChangeLogPurge {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TokenCacheSettings settings;

    ChangeLogPurge(JdbcClient jdbc, Clock clock, TokenCacheSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    @Bean
    RecurringTask<Void> cacheChangePurgeTask() {
        return Retention.hourly("cache-change-purge", this::purge);
    }

    /** Returns how many change rows it deleted. */
    int purge() {
        return Retention.purge(clock, settings.retention(), this::deleteBefore);
    }

    private int deleteBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM cache_change
                WHERE id IN (SELECT id FROM cache_change WHERE recorded_at < :cutoff ORDER BY id LIMIT :limit)""")
                .param("cutoff", DbTime.of(cutoff)).param("limit", limit)
                .update();
    }
}
