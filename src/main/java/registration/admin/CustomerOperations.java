package registration.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import registration.auth.ActorType;
import registration.auth.AdminActor;
import registration.auth.AuthIdentities;
import registration.customer.Customer;
import registration.customer.Customers;
import registration.deletion.DeletionRequest;
import registration.deletion.OperatorDeletions;
import registration.otp.OtpLockouts;
import registration.customer.ContactVerificationService;
import registration.customer.VerificationSent;
import registration.ratelimit.LoginAttempts;
import registration.web.ApiException;
import registration.web.ErrorType;

/**
 * What an operator sees of one customer and does to it ({@code /admin/customers/{id}...}, issue 20). Every action
 * runs in one transaction and publishes its past-tense {@link OperatorEvents event} in it, for the audit trail.
 */
@Service
class CustomerOperations {

    private final Customers customers;
    private final AuthIdentities identities;
    private final LoginAttempts loginAttempts;
    private final OtpLockouts otpLockouts;
    private final CustomerDetails details;
    private final OperatorDeletions deletions;
    private final ContactVerificationService verification;
    private final ApplicationEventPublisher events;

    CustomerOperations(Customers customers, AuthIdentities identities, LoginAttempts loginAttempts, OtpLockouts otpLockouts,
                       CustomerDetails details, OperatorDeletions deletions, ContactVerificationService verification,
                       ApplicationEventPublisher events) {
        this.customers = customers;
        this.identities = identities;
        this.loginAttempts = loginAttempts;
        this.otpLockouts = otpLockouts;
        this.details = details;
        this.deletions = deletions;
        this.verification = verification;
        this.events = events;
    }

    /**
     * Blocks the customer: no sign-in (same 401 as a wrong password) and every live token dies at once, on every
     * instance. Blocking a blocked customer changes nothing. 409 {@code no_login} when the customer has no login.
     */
    @Transactional
    CustomerDetail block(AdminActor admin, String customerId) {
        details.live(customerId);
        String identityId = loginOf(customerId);
        if (identities.block(identityId)) {
            events.publishEvent(new OperatorEvents.CustomerBlocked(customerId, admin.userId()));
        }
        return details.of(customerId);
    }

    /** Lifts a block; the tokens it killed stay dead. */
    @Transactional
    CustomerDetail unblock(AdminActor admin, String customerId) {
        details.live(customerId);
        if (identities.unblock(loginOf(customerId))) {
            events.publishEvent(new OperatorEvents.CustomerUnblocked(customerId, admin.userId()));
        }
        return details.of(customerId);
    }

    /** Lifts the login lockouts of every login of the customer and its OTP locks (forgetting the wrong codes). */
    @Transactional
    CustomerDetail unlock(AdminActor admin, String customerId) {
        Customer customer = details.live(customerId);
        List<String> identifiers = new ArrayList<>(java.util.Arrays.asList(customer.email(), customer.phone()));
        int loginLocks = 0;
        var overview = identities.overview(ActorType.CUSTOMER, customerId);
        if (overview.isPresent()) {
            for (var login : overview.get().logins()) {
                identifiers.add(login.identifier());
                if (loginAttempts.clear(ActorType.CUSTOMER.id(), login.identifier())) {
                    loginLocks++;
                }
            }
        }
        int otpLocks = otpLockouts.lift(customerId, identifiers.stream().filter(java.util.Objects::nonNull).distinct().toList());
        events.publishEvent(new OperatorEvents.CustomerUnlocked(customerId, admin.userId(),
                Map.of("login_locks", String.valueOf(loginLocks), "otp_locks", String.valueOf(otpLocks))));
        return details.of(customerId);
    }

    /** Log out everywhere: every token issued so far dies, on every instance. */
    @Transactional
    CustomerDetail revokeSessions(AdminActor admin, String customerId) {
        details.live(customerId);
        identities.bumpCredentialVersion(loginOf(customerId));
        events.publishEvent(new OperatorEvents.CustomerSessionsRevoked(customerId, admin.userId()));
        return details.of(customerId);
    }

    /** Cancels the scheduled deletion on the customer's behalf (the customer is told by the usual notice). */
    @Transactional
    CustomerDetail cancelDeletion(AdminActor admin, String customerId) {
        details.live(customerId);
        DeletionRequest request = deletions.cancel(customerId);
        events.publishEvent(new OperatorEvents.CustomerDeletionCancelled(customerId, admin.userId(),
                Map.of("request_id", request.id())));
        return details.of(customerId);
    }

    /**
     * Erases the customer now, as the deletion sweep does; {@code confirm} must repeat the customer's id
     * (400 otherwise, and nothing changes). The event keeps only the ids.
     */
    @Transactional
    String erase(AdminActor admin, String customerId, String confirm) {
        if (!customerId.equals(confirm)) {
            throw ApiException.invalid("Invalid request: Field 'confirm' must repeat the customer's id to erase it");
        }
        String requestId = deletions.eraseNow(customerId);
        events.publishEvent(new OperatorEvents.CustomerErased(customerId, admin.userId(), Map.of("request_id", requestId)));
        return requestId;
    }

    /** Sends a new verification code to the customer's email or phone ({@code type}), as {@code /otp/send} does. */
    @Transactional
    VerificationSent resendVerification(AdminActor admin, String customerId, String type) {
        Customer customer = details.live(customerId);
        VerificationSent sent = verification.send(customerId, type);
        String destination = "email_verification".equals(type) ? Masking.identifier(customer.email())
                : Masking.identifier(customer.phone());
        events.publishEvent(new OperatorEvents.CustomerVerificationResent(customerId, admin.userId(),
                Map.of("type", type, "to", destination == null ? "" : destination)));
        return sent;
    }

    private String loginOf(String customerId) {
        return identities.findByActor(ActorType.CUSTOMER, customerId).map(identity -> identity.id())
                .orElseThrow(() -> new ApiException(ErrorType.CONFLICT, "The customer has no login", "no_login"));
    }
}
