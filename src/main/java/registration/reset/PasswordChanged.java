package registration.reset;

import registration.auth.Provider;

/**
 * An identity's password was reset ({@code customerId} is null for an identity whose customer was never
 * created; {@code identifier} is the email or phone the reset was proven with, by {@code provider}). Published inside the reset's
 * transaction.
 */
public record PasswordChanged(String authIdentityId, String customerId, Provider provider, String identifier) {

    @Override
    public String toString() {
        return "PasswordChanged[" + authIdentityId + "]"; // no personal data in logs
    }
}
