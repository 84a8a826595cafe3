package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import registration.config.DbTime;
import registration.support.HttpTest;
import registration.support.TestClock;

/** Dead codes go a day after they expired; younger ones, live or not, stay. */
@HttpTest
class OtpCodePurgeTests {

    @Autowired
    OtpCodePurge purge;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @Test
    void deletesCodesADayAfterTheyExpiredAndKeepsTheRest() {
        Instant now = clock.instant();
        String tag = "otp_purge_" + System.nanoTime();
        String old = insertCode(tag + "_old", now.minus(OtpCodePurge.KEPT_AFTER_EXPIRY).minusSeconds(60));
        String recent = insertCode(tag + "_recent", now.minus(OtpCodePurge.KEPT_AFTER_EXPIRY).plusSeconds(60));
        String live = insertCode(tag + "_live", now.plus(Duration.ofMinutes(10)));

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
        assertThat(exists(live)).isTrue();
    }

    private String insertCode(String id, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO otp_code (id, customer_id, purpose, code_hash, attempts, max_attempts, expires_at, created_at)
                VALUES (:id, 'cus_purge', 'email_verification', 'hash', 0, 5, :expiresAt, :expiresAt)""")
                .param("id", id).param("expiresAt", DbTime.of(expiresAt)).update();
        return id;
    }

    private boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM otp_code WHERE id = :id").param("id", id).query(Integer.class).single() == 1;
    }
}
