package registration.otp;

/**
 * A code that was right and is now used up: the customer it was sent for, its purpose and, for a contact
 * change, the new value that travelled inside the signed token.
 */
public record VerifiedOtp(String otpId, String customerId, OtpPurpose purpose, String newValue) {

    @Override
    public String toString() {
        return "VerifiedOtp[" + otpId + ", " + purpose + "]";
    }
}
