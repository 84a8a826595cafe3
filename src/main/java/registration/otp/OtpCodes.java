package registration.otp;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import registration.config.DbTime;

/**
 * The {@code otp_code} table. Every state change is a conditional UPDATE whose row count says who won. A row
 * is the truth about a code: the token only names it ({@code id}); whom it is for ({@code customer_id}), what
 * it is keyed by ({@code subject}) and the new value it binds ({@code value_hash}) are read from here.
 */
@Repository
class OtpCodes {

    /** What verifying needs to know about a code, read before it is tried. */
    /** @param keyId the service key that hashed the row's code and value (null: before issue 18, the legacy key) */
    record Stored(String id, String subject, String customerId, OtpPurpose purpose, String valueHash,
                  Instant expiresAt, String keyId) {
    }

    /** A code's keyed hash and the id of the key that made it. */
    record CodeHash(String hash, String keyId) {
    }

    private final JdbcClient jdbc;

    OtpCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param customerId null for a decoy, which reaches nobody and whose hash no code matches */
    void insert(String id, String subject, String customerId, OtpPurpose purpose, String codeHash, String valueHash,
                String keyId, int maxAttempts, Instant expiresAt, Instant now) {
        jdbc.sql("""
                INSERT INTO otp_code (id, subject, customer_id, purpose, code_hash, value_hash, key_id, attempts,
                                      max_attempts, expires_at, created_at)
                VALUES (:id, :subject, :customerId, :purpose, :hash, :valueHash, :keyId, 0, :max, :expiresAt, :now)""")
                .param("id", id).param("subject", subject).param("customerId", customerId).param("purpose", purpose.id())
                .param("hash", codeHash).param("valueHash", valueHash).param("keyId", keyId).param("max", maxAttempts)
                .param("expiresAt", DbTime.of(expiresAt)).param("now", DbTime.of(now))
                .update();
    }

    /**
     * Keeps at most {@code keep} live codes of the subject for the purpose: older ones beyond that are dropped
     * (a new send never kills the owner's code, but nor may an attacker pile up codes to guess at). Runs under
     * the throttle row's lock, so two sends of one subject never interleave here.
     */
    void dropOldestBeyond(String subject, OtpPurpose purpose, int keep, Instant now) {
        jdbc.sql("""
                UPDATE otp_code SET revoked_at = :now
                WHERE subject = :subject AND purpose = :purpose AND consumed_at IS NULL AND revoked_at IS NULL
                  AND expires_at > :now
                  AND id NOT IN (SELECT id FROM otp_code
                                 WHERE subject = :subject AND purpose = :purpose AND consumed_at IS NULL
                                   AND revoked_at IS NULL AND expires_at > :now
                                 ORDER BY created_at DESC, id DESC LIMIT :keep)""")
                .param("now", DbTime.of(now)).param("subject", subject).param("purpose", purpose.id())
                .param("keep", keep)
                .update();
    }

    /** The newest code of the subject for the purpose that can still be verified, if any. */
    Optional<Stored> findNewestLive(String subject, OtpPurpose purpose, Instant now) {
        return jdbc.sql("""
                SELECT id, subject, customer_id, purpose, value_hash, expires_at, key_id FROM otp_code
                WHERE subject = :subject AND purpose = :purpose AND consumed_at IS NULL AND revoked_at IS NULL
                  AND expires_at > :now AND attempts < max_attempts
                ORDER BY created_at DESC, id DESC LIMIT 1""")
                .param("subject", subject).param("purpose", purpose.id()).param("now", DbTime.of(now))
                .query(OtpCodes::stored).optional();
    }

    /** The code {@code id} if it is of {@code purpose} (dead or alive: {@link #countAttempt} judges that). */
    Optional<Stored> find(String id, OtpPurpose purpose) {
        return jdbc.sql("""
                SELECT id, subject, customer_id, purpose, value_hash, expires_at, key_id FROM otp_code
                WHERE id = :id AND purpose = :purpose""")
                .param("id", id).param("purpose", purpose.id())
                .query(OtpCodes::stored).optional();
    }

    /** The customer whose real code of this subject and purpose is the newest (none for a decoy-only subject). */
    Optional<String> findNewestCustomer(String subject, OtpPurpose purpose) {
        return jdbc.sql("""
                SELECT customer_id FROM otp_code
                WHERE subject = :subject AND purpose = :purpose AND customer_id IS NOT NULL
                ORDER BY created_at DESC, id DESC LIMIT 1""")
                .param("subject", subject).param("purpose", purpose.id())
                .query(String.class).optional();
    }

    /**
     * Counts one attempt against a live code and returns its hash, or empty when the code is dead. Called in
     * the try's own transaction ({@link CodeAttempts}).
     */
    Optional<CodeHash> countAttempt(String id, OtpPurpose purpose, Instant now) {
        int updated = jdbc.sql("""
                UPDATE otp_code SET attempts = attempts + 1
                WHERE id = :id AND purpose = :purpose AND consumed_at IS NULL AND revoked_at IS NULL
                  AND expires_at > :now AND attempts < max_attempts""")
                .param("id", id).param("purpose", purpose.id()).param("now", DbTime.of(now))
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT code_hash, key_id FROM otp_code WHERE id = :id").param("id", id)
                .query((rs, n) -> new CodeHash(rs.getString("code_hash"), rs.getString("key_id"))).optional();
    }

    /**
     * Single use: true for exactly one caller, even when two right codes arrive at once; the winner then uses
     * up every other live code of the subject and purpose (the flow is done; older codes must not redo it).
     */
    boolean consume(String id, String subject, OtpPurpose purpose, Instant now) {
        boolean won = jdbc.sql("UPDATE otp_code SET consumed_at = :now WHERE id = :id AND consumed_at IS NULL AND revoked_at IS NULL")
                .param("now", DbTime.of(now)).param("id", id)
                .update() == 1;
        if (won) {
            consumeAllLive(subject, purpose, now);
        }
        return won;
    }

    /** Uses up every live code of the subject for the purpose. */
    void consumeAllLive(String subject, OtpPurpose purpose, Instant now) {
        jdbc.sql("""
                UPDATE otp_code SET consumed_at = :now
                WHERE subject = :subject AND purpose = :purpose AND consumed_at IS NULL AND revoked_at IS NULL""")
                .param("now", DbTime.of(now)).param("subject", subject).param("purpose", purpose.id())
                .update();
    }

    /** Kills every live code of the subject for the purpose (it was just locked). */
    void revokeAllLive(String subject, OtpPurpose purpose, Instant now) {
        jdbc.sql("""
                UPDATE otp_code SET revoked_at = :now
                WHERE subject = :subject AND purpose = :purpose AND consumed_at IS NULL AND revoked_at IS NULL""")
                .param("now", DbTime.of(now)).param("subject", subject).param("purpose", purpose.id())
                .update();
    }

    /**
     * Deletes up to {@code limit} codes that expired before {@code cutoff} (dead whatever else they are: used,
     * superseded or never tried); returns how many. Small batches keep each statement's locks short.
     */
    int deleteExpiredBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM otp_code WHERE id IN (SELECT id FROM otp_code WHERE expires_at < :cutoff LIMIT :limit)""")
                .param("cutoff", DbTime.of(cutoff)).param("limit", limit)
                .update();
    }

    private static Stored stored(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Stored(rs.getString("id"), rs.getString("subject"), rs.getString("customer_id"),
                OtpPurpose.ofId(rs.getString("purpose")).orElseThrow(), rs.getString("value_hash"),
                DbTime.read(rs, "expires_at"), rs.getString("key_id"));
    }
}
