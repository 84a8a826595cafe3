package registration.deletion;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import registration.auth.ActorType;
import registration.auth.AuthIdentities;
import registration.auth.Suspension;
import registration.customer.Customers;
import registration.web.ApiException;
import registration.web.ErrorType;

/**
 * What an operator does to a customer's deletion (issue 20): cancel a scheduled one on the customer's behalf, or
 * erase the customer now with the very erasure the sweep does ({@link AccountErasure}). Both join the caller's
 * transaction, so the operator action's audit event is on record exactly when the change is.
 */
@Service
public class OperatorDeletions {

    private final DeletionRequests requests;
    private final Customers customers;
    private final AuthIdentities identities;
    private final ApplicationEventPublisher events;
    private final AccountErasure erasure;

    OperatorDeletions(DeletionRequests requests, Customers customers, AuthIdentities identities, ApplicationEventPublisher events,
                      AccountErasure erasure) {
        this.requests = requests;
        this.customers = customers;
        this.identities = identities;
        this.events = events;
        this.erasure = erasure;
    }

    /**
     * Cancels the customer's scheduled deletion as {@code cancel-confirm} does (the suspension is lifted and the
     * customer gets the "deletion cancelled" notice); 409 {@code deletion_not_scheduled} / {@code deletion_completed}
     * as there.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public DeletionRequest cancel(String customerId) {
        DeletionRequest request = requests.markCancelled(customerId).orElseThrow(() ->
                requests.hasCompleted(customerId)
                        ? new ApiException(ErrorType.CONFLICT, "The account has already been deleted", "deletion_completed")
                        : new ApiException(ErrorType.CONFLICT, "There is no scheduled account deletion to cancel",
                                "deletion_not_scheduled"));
        identities.findByActor(ActorType.CUSTOMER, customerId)
                .ifPresent(identity -> identities.lift(identity.id(), Suspension.ACCOUNT_DELETION_SCHEDULED));
        events.publishEvent(new DeletionCancelled(request)); // the customer is told, as when they cancel
        return request;
    }

    /**
     * Erases the customer now: its open deletion request (pending or scheduled) is completed, or a completed one
     * recorded, and the sweep's erasure runs. Returns the request's id; 404 when there is no such customer (or it
     * was erased already, by the sweep or another operator at the same moment).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String eraseNow(String customerId) {
        customers.findById(customerId).orElseThrow(() -> notFound(customerId));
        String requestId = requests.completeNow(customerId, "Erased by an operator").orElseThrow(() -> notFound(customerId));
        erasure.erase(requestId, customerId);
        return requestId;
    }

    private static ApiException notFound(String customerId) {
        return new ApiException(ErrorType.NOT_FOUND, "Customer with id: " + customerId + " was not found");
    }
}
