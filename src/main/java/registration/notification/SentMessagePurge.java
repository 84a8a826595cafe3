package registration.notification;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import registration.config.Retention;

/**
 * Deletes delivered messages a week after they went out, and abandoned ones a week after they were given up,
 * every hour (a db-scheduler recurring task: one instance at a time). A sent row has lost its body already, but
 * keeps the recipient's address; a week answers "did my code go out?" and the address does not stay longer.
 */
@Configuration(proxyBeanMethods = false)
class SentMessagePurge {

    static final Duration KEPT_AFTER_SENDING = Duration.ofDays(7);

    private final Outbox outbox;
    private final Clock clock;

    SentMessagePurge(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> sentMessagePurgeTask() {
        return Retention.hourly("sent-message-purge", this::purge);
    }

    /** Returns how many messages it deleted. */
    int purge() {
        return Retention.purge(clock, KEPT_AFTER_SENDING, outbox::deleteSentBefore)
                + Retention.purge(clock, KEPT_AFTER_SENDING, outbox::deleteAbandonedBefore);
    }
}
