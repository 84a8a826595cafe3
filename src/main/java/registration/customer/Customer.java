package registration.customer;

import java.time.Instant;
import java.util.Map;

/** A customer row. {@code metadata} is a JSON object; {@code email}/{@code phone} are normalised or null. */
public record Customer(String id, String email, String phone, String firstName, String lastName, String companyName,
                       Map<String, Object> metadata, boolean hasAccount, boolean emailVerified,
                       boolean phoneVerified, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    @Override
    public String toString() {
        return "Customer[" + id + "]"; // no personal data in logs
    }
}
