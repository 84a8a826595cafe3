package registration.audit;

import java.time.Instant;

/**
 * A search of the audit trail: every filter is optional (null), {@code from} inclusive and {@code to} exclusive;
 * newest first.
 *
 * @param actor an admin user's or customer's id, or one of the actor types {@code customer}, {@code admin},
 *              {@code system}, {@code anonymous}
 */
public record AuditQuery(String customerId, String type, String actor, Instant from, Instant to, int limit,
                         int offset) {
}
