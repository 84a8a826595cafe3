package registration.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import registration.ratelimit.RateLimitSettings.LoginLockout;

/**
 * The counters in this instance's memory: the default, and the fallback while Redis does not answer. Idle
 * entries (a full bucket, a login window that has passed) are dropped now and then, which changes nothing
 * (a fresh entry is the same), so memory follows the clients of the last minutes, not of all time.
 */
final class LocalLimits {

    private static final int SWEEP_EVERY = 1024;

    private record Entry(Bucket bucket, long capacity) {
    }

    private record Attempts(long start, long count, long lockedUntil) {
    }

    private final TimeMeter time;
    private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Attempts> logins = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();

    LocalLimits(TimeMeter time) {
        this.time = time;
    }

    ConsumptionProbe tryConsume(String key, BucketConfiguration config) {
        Entry entry = buckets.get(key);
        if (entry == null) {
            entry = buckets.computeIfAbsent(key, k -> newEntry(config));
            sweepNowAndThen();
        }
        return entry.bucket().tryConsumeAndReturnRemaining(1);
    }

    /**
     * Counts a login try for {@code key} unless it is locked; returns the milliseconds the lock still lasts
     * (0: admitted; -1: admitted, and this try set the lock). Redis runs the same steps in {@link RedisLimits#ADMIT_LOGIN}.
     */
    long admitLogin(String key, LoginLockout rules, long now) {
        long[] lockedFor = {0};
        logins.compute(key, (k, attempts) -> {
            if (attempts != null && attempts.lockedUntil() > now) {
                lockedFor[0] = attempts.lockedUntil() - now;
                return attempts;
            }
            boolean newWindow = attempts == null || now - attempts.start() >= rules.window().toMillis();
            long start = newWindow ? now : attempts.start();
            long count = (newWindow ? 0 : attempts.count()) + 1;
            // the try that reaches the maximum still runs; unless it succeeds, the lock stands from now on
            long lockedUntil = count >= rules.maxFailures() ? now + rules.lock().toMillis() : 0;
            if (lockedUntil > 0) {
                lockedFor[0] = -1;
            }
            return new Attempts(start, count, lockedUntil);
        });
        if (lockedFor[0] <= 0) {
            sweepNowAndThen(rules, now);
        }
        return lockedFor[0];
    }

    void clearLogin(String key) {
        logins.remove(key);
    }

    private Entry newEntry(BucketConfiguration config) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        for (var bandwidth : config.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return new Entry(builder.build(), config.getBandwidths()[0].getCapacity());
    }

    private void sweepNowAndThen() {
        if (created.incrementAndGet() % SWEEP_EVERY == 0) {
            // a try racing with the removal may spend a token of the dropped bucket: at most one token lost
            buckets.values().removeIf(entry -> entry.bucket().getAvailableTokens() >= entry.capacity());
        }
    }

    private void sweepNowAndThen(LoginLockout rules, long now) {
        if (created.incrementAndGet() % SWEEP_EVERY == 0) {
            logins.values().removeIf(a -> a.lockedUntil() <= now && now - a.start() >= rules.window().toMillis());
        }
    }
}
