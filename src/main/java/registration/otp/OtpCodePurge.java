package registration.otp;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import registration.config.Retention;

/**
 * Deletes codes a day after they expired, every hour (a db-scheduler recurring task: one instance at a time).
 * A dead code is worth nothing, but its row names the customer and would otherwise stay forever, after an
 * account deletion too; the resend throttle lives in {@code otp_throttle} and does not need it.
 */
@Configuration(proxyBeanMethods = false)
class OtpCodePurge {

    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final OtpCodes codes;
    private final Clock clock;

    OtpCodePurge(OtpCodes codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> otpCodePurgeTask() {
        return Retention.hourly("otp-code-purge", this::purge);
    }

    /** Returns how many codes it deleted. */
    int purge() {
        return Retention.purge(clock, KEPT_AFTER_EXPIRY, codes::deleteExpiredBefore);
    }
}
