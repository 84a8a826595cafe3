package registration.medusaimport;

import java.time.Instant;

/** A Medusa admin user's {@code emailpass} login ({@code auth_identity.app_metadata.user_id}). */
record MedusaAdmin(String id, String email, String hash, Instant createdAt) {

    @Override
    public String toString() {
        return "MedusaAdmin[" + id + "]";
    }
}
