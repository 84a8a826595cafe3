package registration.auth;

import java.time.Instant;

/**
 * A cookie session ({@code auth_session}): {@code id} is the SHA-256 of the cookie's value, never the value itself.
 * It is good while unexpired and while its identity still has {@code credentialVersion}.
 */
record AuthSession(String id, String authIdentityId, Provider provider, int credentialVersion, Instant createdAt,
                   Instant expiresAt) {
}
