package registration.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import registration.audit.SecurityEvent;

/**
 * {@code GET /admin/customers/{id}}: the profile in full (the record the operator works on), the logins with
 * their identifiers masked ({@link Masking}), and the state that keeps a customer out: block, login lockouts, OTP
 * locks, deletion.
 */
record CustomerDetail(String id, String email, String phone, String firstName, String lastName, String companyName,
                      Map<String, Object> metadata, boolean hasAccount, boolean emailVerified, boolean phoneVerified,
                      boolean blocked, Instant blockedAt, boolean locked, List<Identity> identities, List<OtpLock> otpLocks,
                      @Nullable Deletion deletion, Instant lastLoginAt, Instant createdAt, Instant updatedAt,
                      List<SecurityEvent> recentEvents) {

    /** A login: {@code identifier} masked; {@code matches_contact}: it is the profile's email or phone. */
    record Identity(String provider, String identifier, boolean matchesContact, Instant lockedUntil, Instant createdAt) {
    }

    record OtpLock(String purpose, Instant lockedUntil) {
    }

    /** The open deletion request: {@code pending} (code sent) or {@code confirmed} (scheduled for {@code scheduled_for}). */
    record Deletion(String id, String status, Instant scheduledFor, Instant createdAt) {
    }

    @Override
    public String toString() {
        return "CustomerDetail[" + id + "]"; // no personal data in logs
    }
}
