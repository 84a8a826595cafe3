package registration.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.stereotype.Component;


import registration.ratelimit.RateLimitSettings.LoginLockout;
import registration.web.ApiException;

/**
 * Login guessing limits per identifier (SPEC 4, 8a {@code login-lockout}): once {@code max-failures} tries
 * for one identifier of one actor type fail within {@code window}, further tries are refused for
 * {@code lock} with 429 {@code too_many_requests} (code {@code login_locked}) and {@code Retry-After} — even
 * with the right password, and for unknown identifiers exactly as for known ones, so that the lock reveals
 * nothing. A try is counted before the password is checked (so a burst of parallel guesses cannot slip past
 * the count) and the count is cleared when the password proves right. Identifiers are stored only hashed.
 * <p>
 * The counters live in Redis or memory ({@link LimitCounters}); a lock, once set, is also a row ({@link LoginLocks},
 * SPEC 11 "Lockouts are data") that every instance checks first and an operator lifts for all of them
 * ({@link #clear}). A counter that still holds a lock the database says was lifted after it began is stale
 * (another instance's memory) and is reset.
 */
@Component
public class LoginAttempts {

    private final boolean enabled;
    private final LoginLockout rules;
    private final LimitCounters throttles;
    private final LoginLocks locks;
    private final Clock clock;

    LoginAttempts(RateLimitSettings settings, LimitCounters throttles, LoginLocks locks, Clock clock) {
        this.enabled = settings.enabled();
        this.rules = settings.loginLockout();
        this.throttles = throttles;
        this.locks = locks;
        this.clock = clock;
    }

    /** {@link #admit(String, String, String)} for an identifier whose account is not known. */
    public void admit(String actorType, String identifier) {
        admit(actorType, identifier, null);
    }

    /**
     * Call before checking the password of {@code identifier} (normalised) for {@code actorType}: counts the
     * try as failed until {@link #succeeded}, or throws 429 {@code login_locked} while the identifier is locked.
     * {@code actorId}: the customer (or admin user) the identifier belongs to, if any; a lock names it.
     */
    public void admit(String actorType, String identifier, String actorId) {
        if (!enabled) {
            return;
        }
        String key = key(actorType, identifier);
        Instant now = clock.instant();
        Optional<LoginLocks.Lock> stored = locks.find(key);
        if (stored.isPresent() && stored.get().inForce(now)) {
            throw locked(Duration.between(now, stored.get().lockedUntil()));
        }
        LimitCounters.LoginCount count = throttles.admitLogin(key, rules);
        if (!count.lockedFor().isZero() && stale(stored, now, count)) {
            throttles.clearLogin(key);
            count = throttles.admitLogin(key, rules);
        }
        if (count.setTheLock()) {
            locks.lock(key, actorType, actorId, now, now.plus(rules.lock()));
        }
        if (!count.lockedFor().isZero()) {
            // Set by a request whose row is not written yet, or by a counter of another instance: write it now.
            locks.lock(key, actorType, actorId, now, now.plus(count.lockedFor()));
            throw locked(count.lockedFor());
        }
    }

    /** Whether the counter's lock began before the stored lock was last lifted (an operator, or the owner). */
    private boolean stale(Optional<LoginLocks.Lock> stored, Instant now, LimitCounters.LoginCount count) {
        Instant began = now.plus(count.lockedFor()).minus(rules.lock());
        return stored.isPresent() && stored.get().clearedAt() != null && !stored.get().clearedAt().isBefore(began);
    }

    /**
     * Call once the password proved right, or the owner proved control of the identifier (a completed password
     * reset): the failures counted for {@code identifier} are forgotten.
     */
    public void succeeded(String actorType, String identifier) {
        if (enabled) {
            String key = key(actorType, identifier);
            throttles.clearLogin(key);
            locks.clear(key, clock.instant());
        }
    }

    /**
     * Lifts the lock of {@code identifier} and forgets its failures, on every instance (an operator's unlock);
     * returns whether a lock was in force.
     */
    public boolean clear(String actorType, String identifier) {
        String key = key(actorType, identifier);
        Instant now = clock.instant();
        boolean wasLocked = locks.lockedUntil(key, now).isPresent();
        throttles.clearLogin(key);
        locks.clear(key, now);
        return wasLocked;
    }

    /** Until when logins with {@code identifier} are locked, if they are (the operator API shows it). */
    public Optional<Instant> lockedUntil(String actorType, String identifier) {
        return locks.lockedUntil(key(actorType, identifier), clock.instant());
    }

    /** Forgets every lock row naming the account (its erasure). */
    public void forget(String actorId) {
        locks.deleteOf(actorId);
    }

    private static ApiException locked(Duration lockedFor) {
        return ApiException.tooManyRequests("Too many failed login attempts. Please try again later.",
                "login_locked", lockedFor);
    }

    private static String key(String actorType, String identifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((actorType + "\n" + identifier).getBytes(StandardCharsets.UTF_8));
            return "login:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
