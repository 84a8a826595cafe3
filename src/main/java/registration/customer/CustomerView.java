package registration.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The customer as the API answers it (Medusa's store customer shape; {@code addresses} is always empty). */
public record CustomerView(String id, String email, String phone, String firstName, String lastName,
                           String companyName, Map<String, Object> metadata, boolean hasAccount,
                           boolean emailVerified, boolean phoneVerified, List<Object> addresses,
                           Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public static CustomerView of(Customer c) {
        return new CustomerView(c.id(), c.email(), c.phone(), c.firstName(), c.lastName(), c.companyName(),
                c.metadata(), c.hasAccount(), c.emailVerified(), c.phoneVerified(), List.of(), c.createdAt(),
                c.updatedAt(), c.deletedAt());
    }
}
