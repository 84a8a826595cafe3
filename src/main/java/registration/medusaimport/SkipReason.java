package registration.medusaimport;

/** Why a Medusa row was not imported (or, for the notes, what was left out of a row that was). */
enum SkipReason {
    /** The id is here already: imported by an earlier run, or erased here. Never updated (SPEC 11). */
    ID_EXISTS("id_exists"),
    /** The id belonged to a customer erased here: re-importing would undo the erasure. */
    ID_ERASED("id_erased"),
    /** Another customer here has this email (or logs in with it). */
    EMAIL_TAKEN("email_taken"),
    /** Another customer here has this phone (or logs in with it). */
    PHONE_TAKEN("phone_taken"),
    EMAIL_INVALID("email_invalid"),
    /** The emailpass login is not the customer's email (after normalising); here they must be one. */
    LOGIN_EMAIL_DIFFERS("login_email_differs"),
    /** The phonepass login does not parse as E.164 or is not the customer's phone. */
    LOGIN_PHONE_DIFFERS("login_phone_differs"),
    /** The password hash is not a scrypt-kdf blob: stored, it could never log in. */
    UNSUPPORTED_PASSWORD_HASH("unsupported_password_hash"),
    /** The database refused the row for another reason than a conflict (e.g. a name longer than 255 characters). */
    REJECTED_BY_DATABASE("rejected_by_database"),
    /** An admin user (imported only with --include-admins). */
    ADMIN_USER("admin_user"),

    // Notes: the row was imported without the part named.
    /** The phone did not parse as a phone number: imported with no phone. */
    PHONE_DROPPED("phone_not_e164"),
    /** The metadata was JSON but not an object: imported with none. */
    METADATA_DROPPED("metadata_not_object");

    private final String code;

    SkipReason(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    boolean isNote() {
        return this == PHONE_DROPPED || this == METADATA_DROPPED;
    }
}
