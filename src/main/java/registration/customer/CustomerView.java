package registration.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The customer as the API answers it (Medusa's store customer shape, with its addresses). */
public record CustomerView(String id, String email, String phone, String firstName, String lastName,
                           String companyName, Map<String, Object> metadata, boolean hasAccount,
                           boolean emailVerified, boolean phoneVerified, List<Address> addresses,
                           Instant createdAt, Instant updatedAt, Instant deletedAt) {

    /** A customer answered without reading its addresses (a new one has none yet). */
    public static CustomerView of(Customer c) {
        return of(c, List.of());
    }

    public static CustomerView of(Customer c, List<Address> addresses) {
        return new CustomerView(c.id(), c.email(), c.phone(), c.firstName(), c.lastName(), c.companyName(),
                c.metadata(), c.hasAccount(), c.emailVerified(), c.phoneVerified(), List.copyOf(addresses),
                c.createdAt(), c.updatedAt(), c.deletedAt());
    }
}
