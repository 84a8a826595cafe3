package registration.auth;

import java.util.Map;

import registration.audit.AuditedEvent;

/**
 * A password login succeeded ({@code POST /auth/{customer|user}/{provider}}): a login token was issued, or a
 * registration token for an identity whose customer was never created ({@code actorId} null).
 */
public record LoginSucceeded(ActorType account, String actorId, String authIdentityId, Provider provider,
                             String identifier) implements AuditedEvent {

    @Override
    public String type() {
        return "login.succeeded";
    }

    @Override
    public String customerId() {
        return account == ActorType.CUSTOMER ? actorId : null;
    }

    @Override
    public String adminId() {
        return account == ActorType.USER ? actorId : null;
    }

    @Override
    public Map<String, String> details() {
        return Map.of("actor_type", account.id(), "provider", provider.id(), "auth_identity_id", authIdentityId);
    }

    @Override
    public String toString() {
        return "LoginSucceeded[" + authIdentityId + "]"; // no personal data in logs
    }
}
