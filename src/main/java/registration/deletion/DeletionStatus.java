package registration.deletion;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an account deletion request stands; see {@code docs/account-deletion.md} for the lifecycle. */
public enum DeletionStatus {
    /** The code is sent; nothing happens unless the customer confirms it. */
    PENDING,
    /** Confirmed: the account is suspended and will be deleted at {@code scheduled_for}. */
    CONFIRMED,
    /** Done: identities removed, personal data erased. Final. */
    COMPLETED,
    /** The customer cancelled the scheduled deletion. Final. */
    CANCELLED;

    /** The wire and storage name: {@code pending}, {@code confirmed}, … */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeletionStatus> ofId(String id) {
        for (DeletionStatus s : values()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
