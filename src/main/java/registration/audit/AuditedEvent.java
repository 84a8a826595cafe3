package registration.audit;

import java.util.Map;

/**
 * Something security-relevant that happened, as a past-tense event record ({@code CustomerBlocked},
 * {@code LoginFailed}, {@code ContactChanged} ...). The feature that did it publishes the record with Spring's
 * {@code ApplicationEventPublisher} inside the transaction that made the change; the audit trail records it in
 * that same transaction, so an event is on record exactly when its change is. (A failure the use case answers
 * with an error — a wrong code, a wrong password — is published where it is counted: in the transaction that
 * keeps the count, or with none, when it is recorded on its own.)
 */
public interface AuditedEvent {

    /** The dotted event type, e.g. {@code login.failed} or {@code admin.customer_blocked}; the full list is in {@code docs/audit.md}. */
    String type();

    /** The customer the event concerns, or {@code null} when it concerns none (an unknown identifier, an admin). */
    String customerId();

    /** The admin user who did it, when it was an operator's action; {@code null} otherwise. */
    default String adminId() {
        return null;
    }

    /** Further facts, identifiers masked; never a password, code, token or full email address or phone number. */
    default Map<String, String> details() {
        return Map.of();
    }

    /**
     * The email address or phone number the event is about (the login identifier tried, where a code went, the
     * new contact), unmasked: the audit trail masks it before anything stores or sends it. {@code null}: none.
     */
    default String identifier() {
        return null;
    }

    /**
     * Who did it: {@code admin} (the {@link #adminId()}), {@code customer} (the {@link #customerId()}),
     * {@code system} (a scheduled job) or {@code anonymous} (nobody proven: a failed login, a wrong code). By
     * default the admin when there is one, else the customer when there is one, else anonymous.
     */
    default String actorKind() {
        return adminId() != null ? "admin" : customerId() != null ? "customer" : "anonymous";
    }

    /**
     * True when this event erased the customer's personal data (a completed deletion, an operator's erase-now):
     * every recorded event of {@link #customerId()} then keeps only the customer id, type, actor and time.
     */
    default boolean erasesCustomer() {
        return false;
    }
}
