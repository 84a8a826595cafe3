package registration.export;

import java.time.Instant;
import java.util.List;

import registration.customer.CustomerView;
import registration.deletion.DeletionRequest;

/**
 * What {@code GET /store/customers/me/export} answers. Password hashes, codes and tokens are not personal data
 * the customer gave us and are never part of it.
 */
record CustomerExport(Instant exportedAt, CustomerView customer, List<Login> logins,
                      List<DeletionRequest> accountDeletionRequests) {

    /** A way the customer signs in: {@code emailpass} with an email, {@code phonepass} with a phone. */
    record Login(String provider, String identifier) {
    }
}
