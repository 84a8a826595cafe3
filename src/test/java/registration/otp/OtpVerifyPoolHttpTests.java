package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.StoreApi;

/**
 * A burst of verifies larger than the connection pool: each verify counts its attempt in a transaction of
 * its own, and must not hold a second connection meanwhile, or the burst drains the pool and every request
 * waits for its connection timeout.
 */
@HttpTest
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=2",
        "spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.connection-timeout=2000"})
class OtpVerifyPoolHttpTests {

    @Autowired
    StoreApi api;

    @Test
    void aBurstOfVerifiesLargerThanThePoolIsAnsweredWithoutExhaustingIt() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(api.signUpWithEmail(StoreApi.newEmail()).body().path("verification").path("token").asString());
        }
        var pool = Executors.newFixedThreadPool(tokens.size());
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String token : tokens) {
            calls.add(() -> api.verifyOtp(token, "000000").status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(400); // wrong code, never a 500 from a drained pool
    }
}
