package registration.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import registration.ratelimit.RateLimitSettings.LoginLockout;

/**
 * Where the counters live: in Redis when {@code redis-url} is set, so that every instance enforces one
 * limit; in this instance's memory otherwise — and also while Redis does not answer, so that an outage of
 * Redis never fails a request (the outage and the recovery are logged once each, not per request). After a
 * failure Redis is left alone for a few seconds, then one request tries it again while the others go on
 * locally. Time comes from the application clock.
 */
@Component
class LimitCounters implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LimitCounters.class);
    private static final Duration RETRY_SHARED_AFTER = Duration.ofSeconds(5);

    private final Clock clock;
    private final LocalLimits local;
    private final RedisLimits shared; // null: the limits are this instance's own
    private final AtomicBoolean sharedDown = new AtomicBoolean();
    private final AtomicLong retrySharedAt = new AtomicLong();

    LimitCounters(RateLimitSettings settings, Clock clock) {
        this.clock = clock;
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.local = new LocalLimits(time);
        this.shared = settings.enabled() && settings.shared()
                ? new RedisLimits(settings.redisUrl(), settings.redisKeyPrefix(), time) : null;
    }

    /** Once the HTTP server runs (never for the {@code create-admin} command), connect to Redis in the background. */
    @EventListener(WebServerInitializedEvent.class)
    void connectSharedStore() {
        if (shared != null) {
            CompletableFuture.runAsync(shared::connectSoon); // setting up the client takes a moment: not on the start-up path
        }
    }

    /** Takes one token from the bucket {@code key}, created with {@code config} when new. */
    ConsumptionProbe tryConsume(String key, BucketConfiguration config) {
        return sharedOrLocal(redis -> redis.tryConsume(key, config), () -> local.tryConsume(key, config));
    }

    /** A counted login try: how long the lock still lasts (zero: admitted), and whether this try set it. */
    record LoginCount(Duration lockedFor, boolean setTheLock) {
    }

    /** Counts a login try unless {@code key} is locked. */
    LoginCount admitLogin(String key, LoginLockout rules) {
        long now = clock.millis();
        long lockedFor = sharedOrLocal(redis -> redis.admitLogin(key, rules, now), () -> local.admitLogin(key, rules, now));
        return new LoginCount(Duration.ofMillis(Math.max(lockedFor, 0)), lockedFor < 0);
    }

    void clearLogin(String key) {
        local.clearLogin(key); // it may have been counted here during an outage
        sharedOrLocal(redis -> {
            redis.clearLogin(key);
            return null;
        }, () -> null);
    }

    private <T> T sharedOrLocal(Function<RedisLimits, T> onRedis, Supplier<T> onLocal) {
        if (shared == null) {
            return onLocal.get();
        }
        if (sharedDown.get()) {
            long now = clock.millis();
            long retryAt = retrySharedAt.get();
            if (now < retryAt || !retrySharedAt.compareAndSet(retryAt, now + RETRY_SHARED_AFTER.toMillis())) {
                return onLocal.get(); // one request at a time finds out whether Redis is back; the others go on locally
            }
        }
        try {
            T result = onRedis.apply(shared);
            if (sharedDown.compareAndSet(true, false)) {
                log.info("Redis at {} answers again: rate limits are shared across instances again", shared.location());
            }
            return result;
        } catch (RuntimeException e) {
            retrySharedAt.set(clock.millis() + RETRY_SHARED_AFTER.toMillis());
            if (sharedDown.compareAndSet(false, true)) {
                log.warn("Redis at {} does not answer ({}): rate limits are counted by this instance alone until it "
                        + "does", shared.location(), e.toString());
            }
            return onLocal.get();
        }
    }

    @Override
    public void destroy() {
        if (shared != null) {
            shared.close();
        }
    }
}
