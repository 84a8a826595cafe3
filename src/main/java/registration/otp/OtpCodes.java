package registration.otp;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import registration.config.DbTime;

/** The {@code otp_code} table. Every state change is a conditional UPDATE whose row count says who won. */
@Repository
class OtpCodes {

    private final JdbcClient jdbc;

    OtpCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String customerId, OtpPurpose purpose, String codeHash, int maxAttempts, Instant expiresAt,
                Instant now) {
        jdbc.sql("""
                INSERT INTO otp_code (id, customer_id, purpose, code_hash, attempts, max_attempts, expires_at, created_at)
                VALUES (:id, :customerId, :purpose, :hash, 0, :max, :expiresAt, :now)""")
                .param("id", id).param("customerId", customerId).param("purpose", purpose.id()).param("hash", codeHash)
                .param("max", maxAttempts).param("expiresAt", DbTime.of(expiresAt)).param("now", DbTime.of(now))
                .update();
    }

    /** Kills every live code of the customer for the purpose: a new send supersedes older codes. */
    void revokeLive(String customerId, OtpPurpose purpose, Instant now) {
        jdbc.sql("""
                UPDATE otp_code SET revoked_at = :now
                WHERE customer_id = :customerId AND purpose = :purpose AND consumed_at IS NULL AND revoked_at IS NULL""")
                .param("now", DbTime.of(now)).param("customerId", customerId).param("purpose", purpose.id())
                .update();
    }

    /**
     * Counts one attempt against a live code and returns its hash, or empty when the code is dead. The
     * attempt is counted before the code is compared, so two wrong guesses at once count twice, and in a
     * transaction of its own, so a wrong guess stays counted although the use case then fails.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Optional<String> countAttempt(String id, OtpPurpose purpose, Instant now) {
        int updated = jdbc.sql("""
                UPDATE otp_code SET attempts = attempts + 1
                WHERE id = :id AND purpose = :purpose AND consumed_at IS NULL AND revoked_at IS NULL
                  AND expires_at > :now AND attempts < max_attempts""")
                .param("id", id).param("purpose", purpose.id()).param("now", DbTime.of(now))
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT code_hash FROM otp_code WHERE id = :id").param("id", id).query(String.class).optional();
    }

    /** Single use: true for exactly one caller, even when two right codes arrive at once. */
    boolean consume(String id, Instant now) {
        return jdbc.sql("UPDATE otp_code SET consumed_at = :now WHERE id = :id AND consumed_at IS NULL AND revoked_at IS NULL")
                .param("now", DbTime.of(now)).param("id", id)
                .update() == 1;
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
}
