package registration.audit;

import java.util.Map;

/**
 * Something security-relevant that happened, as a past-tense event record ({@code CustomerBlocked},
 * {@code LoginFailed}, {@code ContactChanged} ...). The feature that did it publishes the record with Spring's
 * {@code ApplicationEventPublisher} inside the transaction that made the change; the audit trail records it in
 * that same transaction, so an event is on record exactly when its change is.
 */
public interface AuditedEvent {

    /** The dotted event type, e.g. {@code customer.blocked}; the full list is in {@code docs/audit.md}. */
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
}
