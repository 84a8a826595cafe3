package registration.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded event, as {@code GET /admin/audit} lists it.
 *
 * @param actorType  {@code customer}, {@code admin}, {@code system} or {@code anonymous} (nobody signed in: a
 *                   failed login of an unknown identifier)
 * @param identifier the email or phone the event was about, masked; null after an erasure
 */
public record SecurityEvent(String id, String type, String customerId, String actorType, String actorId,
                            String clientAddress, String identifier, Map<String, Object> details,
                            Instant occurredAt) {
}
