package registration.ratelimit;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import registration.config.Retention;

/** Deletes the rows of login locks that ended more than a day ago, every hour. */
@Configuration(proxyBeanMethods = false)
class LoginLockPurge {

    /** How long an ended lock's row is kept: long enough to tell a stale counter's lock from a live one. */
    private static final Duration ENDED_LOCKS_KEPT = Duration.ofDays(1);

    private final LoginLocks locks;
    private final Clock clock;

    LoginLockPurge(LoginLocks locks, Clock clock) {
        this.locks = locks;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> loginLockPurgeTask() {
        return Retention.hourly("login-lock-purge", () -> Retention.purge(clock, ENDED_LOCKS_KEPT, locks::deleteEndedBefore));
    }
}
