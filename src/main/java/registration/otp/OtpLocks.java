package registration.otp;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import registration.config.DbTime;

/**
 * The cumulative cap on wrong codes ({@code otp_failure}) and the locks it sets ({@code otp_lock}), per
 * subject and purpose. Both are rows, not memory: every instance, the deletion job and an operator see the
 * same lock (SPEC §11 "Lockouts are data").
 */
@Repository
class OtpLocks {

    /** How far back wrong codes count, and how long a lock lasts. */
    static final Duration WINDOW = Duration.ofHours(24);

    private final JdbcClient jdbc;

    OtpLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Until when the subject's codes of the purpose are locked; empty when they are not. */
    Optional<Instant> lockedUntil(String subject, OtpPurpose purpose, Instant now) {
        return jdbc.sql("""
                SELECT locked_until FROM otp_lock WHERE subject = :subject AND purpose = :purpose AND locked_until > :now""")
                .param("subject", subject).param("purpose", purpose.id()).param("now", DbTime.of(now))
                .query((rs, n) -> DbTime.read(rs, "locked_until")).optional();
    }

    /** The latest end of any lock (past or present) of these subjects for the purpose. */
    Optional<Instant> latestLockEnd(Collection<String> subjects, OtpPurpose purpose) {
        if (subjects.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT MAX(locked_until) AS until FROM otp_lock WHERE subject IN (:subjects) AND purpose = :purpose")
                .param("subjects", subjects).param("purpose", purpose.id())
                .query((rs, n) -> DbTime.read(rs, "until")).optional();
    }

    /**
     * Records a wrong code and returns the number of wrong codes of the subject and purpose in the last
     * {@link #WINDOW}, this one included. Exact when the caller holds the subject ({@link OtpSendClaims#hold}).
     */
    int recordFailure(String subject, OtpPurpose purpose, Instant now) {
        jdbc.sql("INSERT INTO otp_failure (subject, purpose, failed_at) VALUES (:subject, :purpose, :now)")
                .param("subject", subject).param("purpose", purpose.id()).param("now", DbTime.of(now)).update();
        return jdbc.sql("""
                SELECT COUNT(*) FROM otp_failure WHERE subject = :subject AND purpose = :purpose AND failed_at > :since""")
                .param("subject", subject).param("purpose", purpose.id()).param("since", DbTime.of(now.minus(WINDOW)))
                .query(Integer.class).single();
    }

    /**
     * Locks the subject's codes of the purpose until {@code until}; true for exactly one of several callers
     * that lock at once (that one tells the customer), false when a lock was in force already.
     */
    boolean lock(String subject, OtpPurpose purpose, Instant until, Instant now) {
        int inserted = jdbc.sql("""
                INSERT INTO otp_lock (subject, purpose, locked_at, locked_until) VALUES (:subject, :purpose, :now, :until)
                ON CONFLICT DO NOTHING""")
                .param("subject", subject).param("purpose", purpose.id()).param("now", DbTime.of(now))
                .param("until", DbTime.of(until)).update();
        if (inserted == 1) {
            return true;
        }
        // A lock that has ended is renewed by one caller only: the others find it in force again.
        return jdbc.sql("""
                UPDATE otp_lock SET locked_at = :now, locked_until = :until
                WHERE subject = :subject AND purpose = :purpose AND locked_until <= :now""")
                .param("subject", subject).param("purpose", purpose.id()).param("now", DbTime.of(now))
                .param("until", DbTime.of(until)).update() == 1;
    }

    /** The locks in force of these subjects, of any purpose. */
    List<OtpLockouts.Lockout> listInForce(Collection<String> subjects, Instant now) {
        return jdbc.sql("SELECT purpose, locked_until FROM otp_lock WHERE subject IN (:subjects) AND locked_until > :now ORDER BY purpose")
                .param("subjects", subjects).param("now", DbTime.of(now))
                .query((rs, n) -> new OtpLockouts.Lockout(rs.getString("purpose"), DbTime.read(rs, "locked_until"))).list();
    }

    /** Lifts every lock of these subjects and forgets their wrong codes (an operator's unlock); returns the locks lifted. */
    int clear(Collection<String> subjects, Instant now) {
        jdbc.sql("DELETE FROM otp_failure WHERE subject IN (:subjects)").param("subjects", subjects).update();
        int inForce = listInForce(subjects, now).size();
        jdbc.sql("DELETE FROM otp_lock WHERE subject IN (:subjects)").param("subjects", subjects).update();
        return inForce;
    }

    /** Deletes the locks that ended before {@code cutoff} (few rows: one per locked subject and purpose). */
    int deleteLocksEndedBefore(Instant cutoff, int limit) {
        return jdbc.sql("DELETE FROM otp_lock WHERE locked_until < :cutoff").param("cutoff", DbTime.of(cutoff)).update();
    }

    /** Deletes up to {@code limit} wrong-code rows older than {@code cutoff}; they no longer count. */
    int deleteFailuresBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM otp_failure WHERE failed_at IN
                  (SELECT failed_at FROM otp_failure WHERE failed_at < :cutoff ORDER BY failed_at LIMIT :limit)""")
                .param("cutoff", DbTime.of(cutoff)).param("limit", limit).update();
    }
}
