package registration.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi;
import registration.support.TestClock;

/** {@code redis-url} names a Redis that never answers (a closed port): the service serves on local limits. */
@NoVerificationHttpTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "customer-registration.rate-limit.enabled=true",
        "customer-registration.rate-limit.trusted-proxies=127.0.0.1",
        "customer-registration.rate-limit.groups.register.capacity=3",
        "customer-registration.rate-limit.groups.register.per-minute=1",
        "customer-registration.rate-limit.login-lockout.max-failures=3"})
class RedisUnreachableHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    TestClock clock;

    @DynamicPropertySource
    static void redisOnAClosedPort(DynamicPropertyRegistry registry) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        registry.add("customer-registration.rate-limit.redis-url", () -> "redis://127.0.0.1:" + port);
    }

    @Test
    void servesAndLimitsEachClientLocally() {
        String client = Clients.next();
        for (int i = 0; i < 3; i++) {
            assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(200);
        }

        var limited = api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, Clients.next()).status()).isEqualTo(200);
    }

    @Test
    void locksOutLoginsLocally() {
        String email = StoreApi.newEmail();
        String client = Clients.next();
        String token = api.registerEmailForwarded(email, PASSWORD, client).text("token");
        api.createCustomerForwarded(token, StoreApi.body("email", email), client);
        assertThat(api.loginEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(api.loginEmailForwarded(email, "wrong-password", Clients.next()).status()).isEqualTo(401);
        }

        assertThat(api.loginEmailForwarded(email, PASSWORD, Clients.next()).text("code")).isEqualTo("login_locked");
    }

    @Test
    void logsTheOutageOnceNotPerRequest(CapturedOutput output) {
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10)); // past the pause after a failure: every request tries Redis again
            assertThat(api.postForwarded("/auth/customer/emailpass/register", "{}", Clients.next()).status()).isEqualTo(400);
        }

        // at most once: an earlier test of this suite may have logged it already
        assertThat(output.getAll().split("does not answer", -1)).hasSizeLessThanOrEqualTo(2);
    }
}
