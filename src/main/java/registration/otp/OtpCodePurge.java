package registration.otp;

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
 * Deletes codes a day after they expired, every hour (a db-scheduler recurring task: one instance at a time).
 * A dead code is worth nothing, but its row names the customer and would otherwise stay forever, after an
 * account deletion too; the resend throttle lives in {@code otp_throttle} and does not need it.
 */
@Configuration(proxyBeanMethods = false)
class OtpCodePurge {

    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    private static final int BATCH = 1000;

    private final OtpCodes codes;
    private final Clock clock;

    OtpCodePurge(OtpCodes codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> otpCodePurgeTask() {
        return Tasks.recurring("otp-code-purge", Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> purge());
    }

    /** Returns how many codes it deleted. */
    int purge() {
        Instant cutoff = clock.instant().minus(KEPT_AFTER_EXPIRY);
        return Batches.untilShort(BATCH, limit -> codes.deleteExpiredBefore(cutoff, limit));
    }
}
