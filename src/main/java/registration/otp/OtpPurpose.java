package registration.otp;

/** What a one-time code proves; a code (and its token) is valid for exactly one purpose. */
public enum OtpPurpose {
    EMAIL_VERIFICATION, PHONE_VERIFICATION, CONTACT_CHANGE, ACCOUNT_DELETION_REQUEST, ACCOUNT_DELETION_CANCEL,
    PASSWORD_RESET;

    /** The wire and storage name: {@code email_verification}, … */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static java.util.Optional<OtpPurpose> ofId(String id) {
        for (OtpPurpose p : values()) {
            if (p.id().equals(id)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
