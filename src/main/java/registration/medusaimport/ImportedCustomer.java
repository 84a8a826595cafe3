package registration.medusaimport;

import java.time.Instant;

/**
 * A Medusa customer ready to be written here: email normalised, phone in E.164 (or null), each login's hash
 * in its stored form ({@code $scrypt-kdf$…}), null when the customer has no such login.
 */
record ImportedCustomer(String id, String email, String phone, String firstName, String lastName, String companyName,
                        String metadataJson, boolean emailVerified, boolean phoneVerified, Instant createdAt,
                        String emailHash, String phoneHash) {

    boolean hasLogin() {
        return emailHash != null || phoneHash != null;
    }

    @Override
    public String toString() {
        return "ImportedCustomer[" + id + "]";
    }
}
