package registration.reset;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import registration.auth.Provider;
import registration.config.DbTime;
import registration.keys.ServiceKeys;

/**
 * The {@code password_reset} table: one row per (provider, identifier) asked about, and its live link secrets
 * in {@code password_reset_secret}. Every rule is a conditional statement whose row count says who won: the
 * throttle, and single use (the first link used kills the others).
 */
@Repository
class ResetRequests {

    /** Rows of identifiers nobody owns only serve the throttle; they are swept once this old. */
    private static final Duration UNKNOWN_ROW_LIFETIME = Duration.ofDays(1);
    /** Live reset links kept per request (owner first, SPEC §11), as live OTP codes per subject. */
    static final int LIVE_SECRETS = 3;

    private final JdbcClient jdbc;
    private static final String PURPOSE = "password-reset-identifier";
    private final SecretKeySpec idKey;
    /** The same under every master still configured and the legacy key: links sent before a rotation still work. */
    private final List<SecretKeySpec> idKeys;
    private final PasswordResetSettings settings;
    private final Clock clock;

    ResetRequests(JdbcClient jdbc, ServiceKeys keys, PasswordResetSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.idKey = new SecretKeySpec(keys.current(PURPOSE).bytes(), "HmacSHA256");
        this.idKeys = keys.all(PURPOSE).stream().map(key -> new SecretKeySpec(key.bytes(), "HmacSHA256")).toList();
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Records a reset request for {@code identifier} (known or not: {@code authIdentityId} null). Returns empty
     * when recorded; inside the resend throttle it records nothing and returns how long to wait — keyed by the
     * identifier, so known and unknown identifiers are throttled alike. Live secrets are left alone: a newer
     * request does not kill a link already sent ({@link #addSecret} adds one).
     */
    Optional<Duration> open(Provider provider, String identifier, String authIdentityId) {
        Instant now = clock.instant();
        String id = id(provider, identifier);
        jdbc.sql("DELETE FROM password_reset WHERE auth_identity_id IS NULL AND requested_at < :cutoff")
                .param("cutoff", DbTime.of(now.minus(UNKNOWN_ROW_LIFETIME))).update();
        // Two first requests at once: one inserts, the other waits for it and then finds the row recent.
        int inserted = jdbc.sql("""
                INSERT INTO password_reset (id, auth_identity_id, secret_hash, requested_at)
                VALUES (:id, :identity, NULL, :now) ON CONFLICT DO NOTHING""")
                .param("id", id).param("identity", authIdentityId).param("now", DbTime.of(now)).update();
        if (inserted == 1) {
            return Optional.empty();
        }
        Duration throttle = settings.resendThrottle();
        int reopened = jdbc.sql("""
                UPDATE password_reset SET auth_identity_id = :identity, requested_at = :now, used_at = NULL
                WHERE id = :id AND requested_at <= :cutoff""")
                .param("identity", authIdentityId).param("now", DbTime.of(now))
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
     * Adds a live secret to the request {@link #open} just recorded, valid as long as its token ({@link ResetTokens#LIFETIME}); at most
     * {@link #LIVE_SECRETS} stay live (the oldest are dropped), so links cannot be piled up without bound.
     */
    void addSecret(Provider provider, String identifier, String secret) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ResetTokens.LIFETIME);
        String id = id(provider, identifier);
        jdbc.sql("DELETE FROM password_reset_secret WHERE reset_id = :id AND expires_at <= :now")
                .param("id", id).param("now", DbTime.of(now)).update();
        jdbc.sql("""
                INSERT INTO password_reset_secret (secret_hash, reset_id, expires_at, created_at)
                VALUES (:hash, :id, :expiresAt, :now)""")
                .param("hash", digest(secret)).param("id", id).param("expiresAt", DbTime.of(expiresAt))
                .param("now", DbTime.of(now)).update();
        jdbc.sql("""
                DELETE FROM password_reset_secret WHERE reset_id = :id AND secret_hash NOT IN
                  (SELECT secret_hash FROM password_reset_secret WHERE reset_id = :id
                   ORDER BY created_at DESC, secret_hash LIMIT :keep)""")
                .param("id", id).param("keep", LIVE_SECRETS).update();
    }

    /**
     * Uses up a live secret of {@code identifier}'s request, and with it every other one: the identity it
     * resets, for exactly one caller (the conditional DELETE's row count); empty when the secret was used,
     * dropped, expired or never issued.
     */
    Optional<String> consume(Provider provider, String identifier, String secret) {
        Instant now = clock.instant();
        // The request's row is keyed by the identifier's hash under the master of its time: a link sent before the
        // master was rotated (or before the upgrade) is found under its old key.
        for (SecretKeySpec key : idKeys) {
            Optional<String> identity = consume(id(key, provider, identifier), secret, now);
            if (identity.isPresent()) {
                return identity;
            }
        }
        return Optional.empty();
    }

    private Optional<String> consume(String id, String secret, Instant now) {
        int used = jdbc.sql("""
                DELETE FROM password_reset_secret WHERE secret_hash = :hash AND reset_id = :id AND expires_at > :now""")
                .param("hash", digest(secret)).param("id", id).param("now", DbTime.of(now)).update();
        if (used == 0) {
            // A link sent before the secrets moved to their own table.
            used = jdbc.sql("""
                    UPDATE password_reset SET secret_hash = NULL, used_at = :now
                    WHERE id = :id AND secret_hash = :hash AND auth_identity_id IS NOT NULL""")
                    .param("now", DbTime.of(now)).param("id", id).param("hash", digest(secret)).update();
        }
        if (used == 0) {
            return Optional.empty();
        }
        jdbc.sql("DELETE FROM password_reset_secret WHERE reset_id = :id").param("id", id).update();
        jdbc.sql("UPDATE password_reset SET used_at = :now WHERE id = :id").param("now", DbTime.of(now)).param("id", id).update();
        return jdbc.sql("SELECT auth_identity_id FROM password_reset WHERE id = :id AND auth_identity_id IS NOT NULL")
                .param("id", id).query(String.class).optional();
    }

    /** Kills every live reset request of the identity (its password was just reset by one of them). */
    void closeAll(String authIdentityId) {
        jdbc.sql("UPDATE password_reset SET secret_hash = NULL WHERE auth_identity_id = :id AND secret_hash IS NOT NULL")
                .param("id", authIdentityId).update();
        jdbc.sql("""
                DELETE FROM password_reset_secret
                WHERE reset_id IN (SELECT id FROM password_reset WHERE auth_identity_id = :id)""")
                .param("id", authIdentityId).update();
    }

    private String id(Provider provider, String identifier) {
        return id(idKey, provider, identifier);
    }

    private static String id(SecretKeySpec key, Provider provider, String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
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
