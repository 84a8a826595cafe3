package registration.reset;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import registration.auth.Jwts;
import registration.auth.Provider;
import registration.config.DbTime;

/**
 * The {@code password_reset} table: one row per (provider, identifier) asked about. Every rule is a
 * conditional statement whose row count says who won: the throttle, newest-request-wins and single use.
 */
@Repository
class ResetRequests {

    /** Rows of identifiers nobody owns only serve the throttle; they are swept once this old. */
    private static final Duration UNKNOWN_ROW_LIFETIME = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final SecretKeySpec idKey;
    private final PasswordResetSettings settings;
    private final Clock clock;

    ResetRequests(JdbcClient jdbc, Jwts jwts, PasswordResetSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.idKey = new SecretKeySpec(jwts.deriveKey("password-reset-identifier"), "HmacSHA256");
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Records a reset request for {@code identifier} whose live secret is {@code secret} (null for an unknown
     * identifier), replacing any earlier one so that older reset tokens die. Returns empty when recorded;
     * inside the resend throttle it records nothing and returns how long to wait — keyed by the identifier,
     * so known and unknown identifiers are throttled alike.
     */
    Optional<Duration> open(Provider provider, String identifier, String authIdentityId, String secret) {
        Instant now = clock.instant();
        String id = id(provider, identifier);
        jdbc.sql("DELETE FROM password_reset WHERE auth_identity_id IS NULL AND requested_at < :cutoff")
                .param("cutoff", DbTime.of(now.minus(UNKNOWN_ROW_LIFETIME))).update();
        // Two first requests at once: one inserts, the other waits for it and then finds the row recent.
        int inserted = jdbc.sql("""
                INSERT INTO password_reset (id, auth_identity_id, secret_hash, requested_at)
                VALUES (:id, :identity, :hash, :now) ON CONFLICT DO NOTHING""")
                .param("id", id).param("identity", authIdentityId).param("hash", digest(secret))
                .param("now", DbTime.of(now)).update();
        if (inserted == 1) {
            return Optional.empty();
        }
        Duration throttle = settings.resendThrottle();
        int reopened = jdbc.sql("""
                UPDATE password_reset SET auth_identity_id = :identity, secret_hash = :hash, requested_at = :now, used_at = NULL
                WHERE id = :id AND requested_at <= :cutoff""")
                .param("identity", authIdentityId).param("hash", digest(secret)).param("now", DbTime.of(now))
                .param("id", id).param("cutoff", DbTime.of(now.minus(throttle))).update();
        if (reopened == 1) {
            return Optional.empty();
        }
        Instant last = jdbc.sql("SELECT requested_at FROM password_reset WHERE id = :id").param("id", id)
                .query((rs, n) -> DbTime.read(rs, "requested_at")).optional().orElse(now);
        Duration wait = Duration.between(now, last.plus(throttle));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }

    /**
     * Uses up the live request of {@code identifier} if its secret is {@code secret}: the identity it resets,
     * for exactly one caller; empty when the secret was used, superseded or never issued.
     */
    Optional<String> consume(Provider provider, String identifier, String secret) {
        String id = id(provider, identifier);
        int used = jdbc.sql("""
                UPDATE password_reset SET secret_hash = NULL, used_at = :now
                WHERE id = :id AND secret_hash = :hash AND auth_identity_id IS NOT NULL""")
                .param("now", DbTime.of(clock.instant())).param("id", id).param("hash", digest(secret)).update();
        if (used == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT auth_identity_id FROM password_reset WHERE id = :id").param("id", id)
                .query(String.class).optional();
    }

    /** Kills every live reset request of the identity (its password was just reset by one of them). */
    void closeAll(String authIdentityId) {
        jdbc.sql("UPDATE password_reset SET secret_hash = NULL WHERE auth_identity_id = :id AND secret_hash IS NOT NULL")
                .param("id", authIdentityId).update();
    }

    private String id(Provider provider, String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(idKey);
            return HexFormat.of().formatHex(mac.doFinal((provider.id() + ":" + identifier).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String secret) {
        if (secret == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
