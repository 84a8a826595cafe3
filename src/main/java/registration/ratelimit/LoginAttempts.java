package registration.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

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
 */
@Component
public class LoginAttempts {

    private final boolean enabled;
    private final LoginLockout rules;
    private final LimitCounters throttles;

    LoginAttempts(RateLimitSettings settings, LimitCounters throttles) {
        this.enabled = settings.enabled();
        this.rules = settings.loginLockout();
        this.throttles = throttles;
    }

    /**
     * Call before checking the password of {@code identifier} (normalised) for {@code actorType}: counts the
     * try as failed until {@link #succeeded}, or throws 429 {@code login_locked} while the identifier is locked.
     */
    public void admit(String actorType, String identifier) {
        if (!enabled) {
            return;
        }
        Duration lockedFor = throttles.admitLogin(key(actorType, identifier), rules);
        if (!lockedFor.isZero()) {
            throw ApiException.tooManyRequests("Too many failed login attempts. Please try again later.",
                    "login_locked", lockedFor);
        }
    }

    /**
     * Call once the password proved right, or the owner proved control of the identifier (a completed password
     * reset): the failures counted for {@code identifier} are forgotten.
     */
    public void succeeded(String actorType, String identifier) {
        if (enabled) {
            throttles.clearLogin(key(actorType, identifier));
        }
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
