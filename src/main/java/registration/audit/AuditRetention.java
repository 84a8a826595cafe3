package registration.audit;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import registration.config.Retention;

/**
 * Deletes security events older than {@code audit.retention} (default 180 days), every hour (a db-scheduler
 * recurring task: one instance at a time).
 */
@Configuration(proxyBeanMethods = false)
class AuditRetention {

    private final SecurityEvents events;
    private final AuditSettings settings;
    private final Clock clock;

    AuditRetention(SecurityEvents events, AuditSettings settings, Clock clock) {
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> securityEventRetentionTask() {
        return Retention.hourly("security-event-retention", this::purge);
    }

    /** Returns how many events it deleted. */
    int purge() {
        return Retention.purge(clock, settings.retention(), events::deleteBefore);
    }
}
