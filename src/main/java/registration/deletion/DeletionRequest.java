package registration.deletion;

import java.time.Instant;

/**
 * An account deletion request as stored and as the API answers it. {@code email} and {@code phone} are the
 * customer's when the request was made, and {@code null} once the deletion is completed.
 */
public record DeletionRequest(String id, String customerId, DeletionStatus status, String reason, String email,
                              String phone, Instant scheduledFor, Instant confirmedAt, Instant cancelledAt,
                              Instant completedAt, Instant createdAt, Instant updatedAt) {

    @Override
    public String toString() {
        return "DeletionRequest[" + id + ", " + customerId + ", " + status.id() + "]"; // no personal data in logs
    }
}
