package registration.customer;

import java.time.Instant;

/**
 * A verification code just sent: its purpose ({@code email_verification} / {@code phone_verification}), the
 * OTP token to verify it with, and when it expires. {@code POST /store/customers} answers it as
 * {@code verification} when the code is sent on registration.
 */
public record VerificationSent(String type, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "VerificationSent[" + type + ", expiresAt=" + expiresAt + "]";
    }
}
