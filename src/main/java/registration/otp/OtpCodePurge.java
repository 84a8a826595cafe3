package registration.otp;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import registration.config.Retention;

/**
 * Deletes codes a day after they expired (and wrong-code rows and locks once they no longer count), every hour (a db-scheduler recurring task: one instance at a time).
 * A dead code is worth nothing, but its row names the customer and would otherwise stay forever, after an
 * account deletion too; the resend throttle lives in {@code otp_throttle} and does not need it.
 */
@Configuration(proxyBeanMethods = false)
class OtpCodePurge {

    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    /** A lock's row outlives the lock: a deletion whose cancel flow was locked waits for it (at most 7 days). */
    static final Duration LOCKS_KEPT_AFTER_END = Duration.ofDays(8);

    private final OtpCodes codes;
    private final OtpLocks locks;
    private final OtpSendClaims throttles;
    private final Clock clock;

    OtpCodePurge(OtpCodes codes, OtpLocks locks, OtpSendClaims throttles, Clock clock) {
        this.codes = codes;
        this.locks = locks;
        this.throttles = throttles;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> otpCodePurgeTask() {
        return Retention.hourly("otp-code-purge", this::purge);
    }

    /** Returns how many rows it deleted: codes, wrong codes that no longer count, locks long over, stale throttles. */
    int purge() {
        return Retention.purge(clock, KEPT_AFTER_EXPIRY, codes::deleteExpiredBefore)
                + Retention.purge(clock, OtpLocks.WINDOW, locks::deleteFailuresBefore)
                + Retention.purge(clock, LOCKS_KEPT_AFTER_END, locks::deleteLocksEndedBefore)
                + Retention.purge(clock, Duration.ofDays(1), throttles::deleteClaimedBefore);
    }
}
