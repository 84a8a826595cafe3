package registration.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import registration.CustomerRegistrationApplication;
import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi;
import registration.support.TcpProxy;
import registration.support.TestServices;

/**
 * Two application instances sharing one Redis (127.0.0.1:6379, keys under a prefix of this run's own)
 * enforce one limit. This suite's instance reaches Redis through a {@link TcpProxy} so that a test can take
 * Redis away from it — and give it back — while the second instance keeps its direct connection.
 */
@NoVerificationHttpTest
@ExtendWith({RedisAvailable.class, OutputCaptureExtension.class})
@TestPropertySource(properties = {
        "customer-registration.rate-limit.enabled=true",
        "customer-registration.rate-limit.trusted-proxies=127.0.0.1",
        "customer-registration.rate-limit.groups.register.capacity=3",
        "customer-registration.rate-limit.groups.register.per-minute=1",
        "customer-registration.rate-limit.login-lockout.max-failures=3",
        "logging.level.registration.ratelimit=INFO"})
class SharedLimitsHttpTests {

    private static final String PREFIX = "cr-test:" + UUID.randomUUID() + ":";
    private static final String REGISTER = "/auth/customer/emailpass/register";
    private static TcpProxy redis;
    private static ConfigurableApplicationContext second;

    @Autowired
    StoreApi api;

    @DynamicPropertySource
    static void sharedRedis(DynamicPropertyRegistry registry) {
        redis = new TcpProxy(RedisAvailable.PORT);
        registry.add("customer-registration.rate-limit.redis-url", () -> "redis://127.0.0.1:" + redis.port());
        registry.add("customer-registration.rate-limit.redis-key-prefix", () -> PREFIX);
    }

    /** A second instance of the application on a port of its own, on the same database and Redis (directly). */
    private static synchronized StoreApi secondInstance() {
        if (second == null) {
            List<String> args = new ArrayList<>();
            TestServices.properties().forEach(p -> args.add("--" + p));
            for (String p : SharedLimitsHttpTests.class.getAnnotation(TestPropertySource.class).properties()) {
                args.add("--" + p);
            }
            args.add("--customer-registration.rate-limit.redis-url=" + RedisAvailable.URL);
            args.add("--customer-registration.rate-limit.redis-key-prefix=" + PREFIX);
            args.add("--server.port=0");
            second = SpringApplication.run(CustomerRegistrationApplication.class, args.toArray(String[]::new));
        }
        return StoreApi.forPort(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void twoInstancesEnforceOneLimit() {
        StoreApi other = secondInstance();
        String client = Clients.next();

        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(200);
        assertThat(other.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(200);
        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(200);

        var limited = other.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(429);
    }

    @Test
    void twoInstancesShareLoginLockouts() {
        StoreApi other = secondInstance();
        String email = StoreApi.newEmail();

        assertThat(api.loginEmailForwarded(email, "wrong-password", Clients.next()).status()).isEqualTo(401);
        assertThat(other.loginEmailForwarded(email, "wrong-password", Clients.next()).status()).isEqualTo(401);
        assertThat(api.loginEmailForwarded(email, "wrong-password", Clients.next()).status()).isEqualTo(401);

        assertThat(other.loginEmailForwarded(email, "wrong-password", Clients.next()).text("code")).isEqualTo("login_locked");
    }

    @Test
    void keepsServingOnLocalLimitsWhileRedisIsAwayAndSharesAgainOnceItIsBack(CapturedOutput output) throws Exception {
        StoreApi other = secondInstance();
        redis.stop();
        try {
            String client = Clients.next();
            String email = StoreApi.newEmail();
            assertThat(api.registerEmailForwarded(email, PASSWORD, client).status()).isEqualTo(200);
            assertThat(api.loginEmailForwarded(email, PASSWORD, client).status()).isEqualTo(200);
            assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(200);
            assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(200);
            // still limited, by this instance alone: the other one has not seen these requests
            assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(429);
            assertThat(other.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(200);
        } finally {
            redis.start();
        }
        assertThat(occurrences(output.getOut(), "does not answer")).isEqualTo(1); // logged once, not per request

        // Lettuce reconnects on its own and the limits are shared again: what this instance counts, the other sees
        assertThat(sharedAgainWithin(other, Duration.ofSeconds(30))).as("limits shared again within 30 s of Redis coming back").isTrue();
        assertThat(output.getOut()).contains("answers again");
    }

    @Test
    void aSilentRedisHoldsNoRequestAndIsGivenUpForAFreshConnectionOnceItAnswersAgain() throws Exception {
        StoreApi other = secondInstance();
        redis.blackhole(); // a hung Redis or a dropped partition: nothing tells the client
        try {
            for (int i = 0; i < 4; i++) {
                long started = System.nanoTime();
                assertThat(api.postForwarded(REGISTER, "{}", Clients.next()).status()).isEqualTo(400);
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("served on local limits within the Redis command timeout").isLessThan(Duration.ofSeconds(3));
            }
        } finally {
            redis.resume(); // heals without closing the stale connections
        }

        assertThat(sharedAgainWithin(other, Duration.ofSeconds(30))).as("limits shared again on a fresh connection").isTrue();
    }

    /** Whether what this instance counts is seen by {@code other} (one shared bucket) before {@code limit} passes. */
    private boolean sharedAgainWithin(StoreApi other, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String client = Clients.next();
            for (int i = 0; i < 3; i++) {
                api.postForwarded(REGISTER, "{}", client);
            }
            if (other.postForwarded(REGISTER, "{}", client).status() == 429) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static int occurrences(String text, String phrase) {
        Matcher m = Pattern.compile(Pattern.quote(phrase)).matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
