package registration.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import registration.config.Batches;

/**
 * Deletes delivered messages a week after they went out, every hour (a db-scheduler recurring task: one
 * instance at a time). A sent row has lost its body already, but keeps the recipient's address; a week
 * answers "did my code go out?" and the address does not stay longer than that.
 */
@Configuration(proxyBeanMethods = false)
class SentMessagePurge {

    static final Duration KEPT_AFTER_SENDING = Duration.ofDays(7);
    private static final int BATCH = 1000;

    private final Outbox outbox;
    private final Clock clock;

    SentMessagePurge(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> sentMessagePurgeTask() {
        return Tasks.recurring("sent-message-purge", Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> purge());
    }

    /** Returns how many messages it deleted. */
    int purge() {
        Instant cutoff = clock.instant().minus(KEPT_AFTER_SENDING);
        return Batches.untilShort(BATCH, limit -> outbox.deleteSentBefore(cutoff, limit));
    }
}
