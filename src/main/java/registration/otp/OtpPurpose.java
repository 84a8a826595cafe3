package registration.otp;

import registration.identifier.IdentifierKind;

/** What a one-time code proves; a code (and its token) is valid for exactly one purpose. */
public enum OtpPurpose {
    EMAIL_VERIFICATION, PHONE_VERIFICATION, CONTACT_CHANGE, ACCOUNT_DELETION_REQUEST, ACCOUNT_DELETION_CANCEL,
    PASSWORD_RESET;

    /** The wire and storage name: {@code email_verification}, … */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The purpose that verifies an identifier of {@code kind}. */
    public static OtpPurpose verifying(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> EMAIL_VERIFICATION;
            case PHONE -> PHONE_VERIFICATION;
        };
    }

    /** The kind of identifier this purpose verifies; empty for the purposes that verify none. */
    public java.util.Optional<IdentifierKind> verifies() {
        return switch (this) {
            case EMAIL_VERIFICATION -> java.util.Optional.of(IdentifierKind.EMAIL);
            case PHONE_VERIFICATION -> java.util.Optional.of(IdentifierKind.PHONE);
            default -> java.util.Optional.empty();
        };
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
