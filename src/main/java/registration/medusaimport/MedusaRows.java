package registration.medusaimport;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import registration.auth.ScryptKdfHash;
import registration.identifier.Email;
import registration.identifier.PhoneNumbers;
import registration.web.ApiException;

/**
 * The rules that turn a Medusa row into a customer here, before anything is compared with what is here: emails
 * normalised, phones to E.164, each login's hash checked to be scrypt-kdf. Holds no state.
 */
@Component
class MedusaRows {

    /** A row's verdict: the customer to write (with what was left out of it), or why there is none. */
    record Verdict(ImportedCustomer customer, SkipReason skip, String detail, List<SkipReason> notes) {

        static Verdict skipped(SkipReason reason, String detail) {
            return new Verdict(null, reason, detail, List.of());
        }
    }

    private final PhoneNumbers phones;

    MedusaRows(PhoneNumbers phones) {
        this.phones = phones;
    }

    /**
     * A phone that does not parse is left out of the customer and noted (SPEC 11), unless it is a login: a login
     * is the customer's identity here, so one that does not fit skips the row.
     */
    Verdict judge(MedusaCustomer row, boolean unverified) {
        String email = null;
        if (row.email() != null && !row.email().isBlank()) {
            email = email(row.email());
            if (email == null) {
                return Verdict.skipped(SkipReason.EMAIL_INVALID, null);
            }
        }
        if (row.emailLogin() != null) {
            String login = email(row.emailLogin());
            if (login == null) {
                return Verdict.skipped(SkipReason.LOGIN_EMAIL_DIFFERS, "the emailpass login is not a valid email");
            }
            if (email != null && !email.equals(login)) {
                return Verdict.skipped(SkipReason.LOGIN_EMAIL_DIFFERS, null);
            }
            email = login;
        }
        String phone = row.phone() == null || row.phone().isBlank() ? null : phone(row.phone());
        if (row.phoneLogin() != null) {
            String login = phone(row.phoneLogin());
            if (login == null || (phone != null && !phone.equals(login))) {
                return Verdict.skipped(SkipReason.LOGIN_PHONE_DIFFERS, null);
            }
            phone = login;
        }
        String emailHash;
        String phoneHash;
        try {
            emailHash = row.emailLogin() == null ? null : ScryptKdfHash.parse(row.emailHash()).stored();
            phoneHash = row.phoneLogin() == null ? null : ScryptKdfHash.parse(row.phoneHash()).stored();
        } catch (IllegalArgumentException unknownFormat) {
            return Verdict.skipped(SkipReason.UNSUPPORTED_PASSWORD_HASH, unknownFormat.getMessage());
        }
        List<SkipReason> notes = new ArrayList<>(0);
        if (phone == null && row.phone() != null && !row.phone().isBlank()) {
            notes.add(SkipReason.PHONE_DROPPED);
        }
        if (row.metadataDropped()) {
            notes.add(SkipReason.METADATA_DROPPED);
        }
        // Medusa let an emailpass account sign in with its email: it was a full account there (SPEC 11).
        boolean emailVerified = email != null
                && (Boolean.TRUE.equals(row.emailVerified()) || (emailHash != null && !unverified));
        boolean phoneVerified = phone != null && Boolean.TRUE.equals(row.phoneVerified());
        return new Verdict(new ImportedCustomer(row.id(), email, phone, row.firstName(), row.lastName(),
                row.companyName(), row.metadataJson(), emailVerified, phoneVerified, row.createdAt(), emailHash,
                phoneHash), null, null, notes);
    }

    /** The normalised email, or null when it is not one. */
    static String email(String raw) {
        try {
            return Email.of(raw).value();
        } catch (ApiException invalid) {
            return null;
        }
    }

    private String phone(String raw) {
        try {
            return phones.parse(raw).value();
        } catch (ApiException notAPhone) {
            return null;
        }
    }
}
