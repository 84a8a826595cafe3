package registration.medusaimport;

import java.time.Instant;

/**
 * One registered customer as Medusa keeps it, with its logins: {@code emailLogin}/{@code emailHash} from its
 * {@code emailpass} provider identity, {@code phoneLogin}/{@code phoneHash} from {@code phonepass} (the seed
 * plugin's), each null when it has none. Verified flags are null when the seed plugin's columns are absent.
 */
record MedusaCustomer(String id, String email, String phone, String firstName, String lastName, String companyName,
                      String metadataJson, boolean metadataDropped, Instant createdAt, Boolean emailVerified,
                      Boolean phoneVerified, String emailLogin, String emailHash, String phoneLogin, String phoneHash) {

    @Override
    public String toString() {
        return "MedusaCustomer[" + id + "]"; // no contact details or hashes in logs
    }
}
