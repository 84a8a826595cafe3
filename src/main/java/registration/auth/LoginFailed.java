package registration.auth;

import java.util.Map;

import registration.audit.AuditedEvent;

/**
 * A password login was refused: {@code reason} is {@code unknown_identifier}, {@code wrong_password}, or — after a
 * right password — {@code suspended} (e.g. deletion scheduled) or {@code unverified}. {@code customerId} is the
 * customer whose login was tried, when known; nobody proved who tried, so the actor is {@code anonymous}.
 */
public record LoginFailed(ActorType account, String customerId, Provider provider, String identifier, String reason)
        implements AuditedEvent {

    @Override
    public String type() {
        return "login.failed";
    }

    @Override
    public String actorKind() {
        return "anonymous";
    }

    @Override
    public Map<String, String> details() {
        return Map.of("actor_type", account.id(), "provider", provider.id(), "reason", reason);
    }

    @Override
    public String toString() {
        return "LoginFailed[" + reason + "]"; // no personal data in logs
    }
}
