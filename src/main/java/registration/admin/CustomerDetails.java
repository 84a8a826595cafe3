package registration.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import registration.audit.AuditLog;
import registration.audit.AuditQuery;
import registration.auth.ActorType;
import registration.auth.AuthIdentities;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.deletion.DeletionRequest;
import registration.deletion.DeletionRequests;
import registration.otp.OtpLockouts;
import registration.ratelimit.LoginAttempts;
import registration.web.ApiException;
import registration.web.ErrorType;

/**
 * What an operator sees of one customer ({@code GET /admin/customers/{id}}, and the answer of every action): the
 * profile, its logins (identifiers masked) with their lockouts, OTP locks, the open deletion, the block, the last
 * login and the latest security events of the audit trail.
 */
@Component
class CustomerDetails {

    /** How many of the customer's latest security events the detail shows; the rest is in {@code GET /admin/audit}. */
    private static final int RECENT_EVENTS = 20;

    private final Customers customers;
    private final AuthIdentities identities;
    private final LoginAttempts loginAttempts;
    private final OtpLockouts otpLockouts;
    private final DeletionRequests deletionRequests;
    private final AuditLog audit;

    CustomerDetails(Customers customers, AuthIdentities identities, LoginAttempts loginAttempts, OtpLockouts otpLockouts,
                    DeletionRequests deletionRequests, AuditLog audit) {
        this.customers = customers;
        this.identities = identities;
        this.loginAttempts = loginAttempts;
        this.otpLockouts = otpLockouts;
        this.deletionRequests = deletionRequests;
        this.audit = audit;
    }

    /** {@code GET /admin/customers/{id}}; 404 for an unknown or erased customer. */
    CustomerDetail of(String customerId) {
        Customer customer = live(customerId);
        var overview = identities.overview(ActorType.CUSTOMER, customerId);
        List<CustomerDetail.Identity> logins = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        identifiers.add(customer.email());
        identifiers.add(customer.phone());
        overview.ifPresent(o -> o.logins().forEach(login -> {
            identifiers.add(login.identifier());
            logins.add(new CustomerDetail.Identity(login.provider().id(), Masking.identifier(login.identifier()),
                    login.identifier().equals(customer.email()) || login.identifier().equals(customer.phone()),
                    loginAttempts.lockedUntil(ActorType.CUSTOMER.id(), login.identifier()).orElse(null),
                    login.createdAt()));
        }));
        var otpLocks = otpLockouts.of(customerId, identifiers.stream().distinct().toList()).stream()
                .map(lock -> new CustomerDetail.OtpLock(lock.purpose(), lock.lockedUntil())).toList();
        boolean loginLocked = logins.stream().anyMatch(login -> login.lockedUntil() != null);
        CustomerDetail.Deletion deletion = deletionRequests.openOf(customerId).map(CustomerDetails::deletion).orElse(null);
        Instant blockedAt = overview.map(AuthIdentities.Overview::blockedAt).orElse(null);
        return new CustomerDetail(customer.id(), customer.email(), customer.phone(), customer.firstName(), customer.lastName(),
                customer.companyName(), customer.metadata(), customer.hasAccount(), customer.emailVerified(),
                customer.phoneVerified(), blockedAt != null, blockedAt, loginLocked || !otpLocks.isEmpty(), logins, otpLocks,
                deletion, overview.map(AuthIdentities.Overview::lastLoginAt).orElse(null), customer.createdAt(),
                customer.updatedAt(),
                audit.search(new AuditQuery(customerId, null, null, null, null, RECENT_EVENTS, 0)).events());
    }

    /** The customer, or 404 for an unknown or erased one. */
    Customer live(String customerId) {
        return customers.findById(customerId)
                .orElseThrow(() -> new ApiException(ErrorType.NOT_FOUND, "Customer with id: " + customerId + " was not found"));
    }

    private static CustomerDetail.Deletion deletion(DeletionRequest request) {
        return new CustomerDetail.Deletion(request.id(), request.status().id(), request.scheduledFor(), request.createdAt());
    }
}
