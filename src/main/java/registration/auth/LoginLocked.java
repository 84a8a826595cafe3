package registration.auth;

import java.util.Map;

import registration.audit.AuditedEvent;

/**
 * A login was refused without checking its password because its identifier is locked out after too many failures
 * ({@code rate-limit.login-lockout}; 429 {@code login_locked}), for known and unknown identifiers alike. One event
 * per refused try while the lock lasts.
 */
public record LoginLocked(ActorType account, Provider provider, String identifier, long retryAfterSeconds)
        implements AuditedEvent {

    @Override
    public String type() {
        return "login.locked";
    }

    @Override
    public String customerId() {
        return null; // not looked up: the lock answers before the identifier is
    }

    @Override
    public Map<String, String> details() {
        return Map.of("actor_type", account.id(), "provider", provider.id(),
                "retry_after_seconds", Long.toString(retryAfterSeconds));
    }

    @Override
    public String toString() {
        return "LoginLocked[" + account.id() + "]"; // no personal data in logs
    }
}
