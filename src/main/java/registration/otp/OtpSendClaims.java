package registration.otp;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import registration.config.DbTime;

/**
 * The {@code otp_throttle} table: when each subject — a customer id, or the keyed hash of an identifier on the
 * enumeration-safe routes (its {@code customer_id} column holds either) — was last sent a code for each
 * purpose. The right to send is claimed by a statement whose row count says who won, so the throttle holds
 * across instances.
 */
@Repository
class OtpSendClaims {

    /**
     * The outcome of {@link #claim}: refused (with how long to wait), or granted — {@code first} when the subject had
     * no row, i.e. no code of the purpose for a day: codes live at most a day ({@code otp.expiry-minutes} ≤ 1440) and
     * a row is purged only a day after its last claim, so such a send has no older live code to drop.
     */
    record Claim(boolean first, Optional<Duration> refusedFor) {
        boolean granted() {
            return refusedFor.isEmpty();
        }
    }

    private static final Claim FIRST = new Claim(true, Optional.empty());
    private static final Claim RENEWED = new Claim(false, Optional.empty());

    private final JdbcClient jdbc;

    OtpSendClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims a send at {@code now} unless the previous one is less than {@code interval} ago: granted when the
     * send may go ahead (the row now says {@code now}), else refused with how long the caller must wait.
     * Two claims at once: PostgreSQL and H2 make the second statement wait for the first transaction and
     * re-check its condition, so exactly one wins; the row stays locked until the caller's transaction ends.
     */
    Claim claim(String subject, OtpPurpose purpose, Duration interval, Instant now) {
        int inserted = jdbc.sql("""
                INSERT INTO otp_throttle (customer_id, purpose, last_sent_at) VALUES (:subject, :purpose, :now)
                ON CONFLICT DO NOTHING""")
                .param("subject", subject).param("purpose", purpose.id()).param("now", DbTime.of(now))
                .update();
        if (inserted == 1) {
            return FIRST;
        }
        int updated = jdbc.sql("""
                UPDATE otp_throttle SET last_sent_at = :now
                WHERE customer_id = :subject AND purpose = :purpose AND (:unthrottled OR last_sent_at <= :cutoff)""")
                .param("now", DbTime.of(now)).param("subject", subject).param("purpose", purpose.id())
                // With no throttle, a concurrent send whose clock read came a moment later must not refuse this one.
                .param("unthrottled", interval.isZero()).param("cutoff", DbTime.of(now.minus(interval)))
                .update();
        if (updated == 1) {
            return RENEWED;
        }
        Instant last = jdbc.sql("SELECT last_sent_at FROM otp_throttle WHERE customer_id = :subject AND purpose = :purpose")
                .param("subject", subject).param("purpose", purpose.id())
                .query((rs, n) -> DbTime.read(rs, "last_sent_at")).single();
        Duration wait = Duration.between(now, last.plus(interval));
        return new Claim(false, Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait));
    }

    /**
     * Deletes up to {@code limit} rows last claimed before {@code cutoff}: older than the longest throttle
     * (a day), they refuse nothing, and rows of unknown addresses would otherwise pile up. (By the full key and
     * with the cutoff once: the form with the cutoff twice failed inside H2 2.4 under the full suite.)
     */
    int deleteClaimedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM otp_throttle WHERE (customer_id, purpose) IN
                  (SELECT customer_id, purpose FROM otp_throttle WHERE last_sent_at < :cutoff LIMIT :limit)""")
                .param("cutoff", DbTime.of(cutoff)).param("limit", limit).update();
    }

    /**
     * Locks the subject's row until the transaction ends, so that tries of its codes run one at a time: the
     * lock check, the count of wrong codes and the lock itself then see each other, and of ten wrong codes at
     * once exactly one reaches the cap. Sends take the same row first (in {@link #claim}), then code rows, as
     * tries do, so the two never wait for each other in a cycle.
     */
    void hold(String subject, OtpPurpose purpose) {
        jdbc.sql("SELECT last_sent_at FROM otp_throttle WHERE customer_id = :subject AND purpose = :purpose FOR UPDATE")
                .param("subject", subject).param("purpose", purpose.id()).query().listOfRows();
    }
}
