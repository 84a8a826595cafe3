package registration.otp;

import java.time.Instant;

/** What a send answers: the OTP token naming the code, and when the code expires. */
public record IssuedOtp(String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedOtp[expiresAt=" + expiresAt + "]";
    }
}
