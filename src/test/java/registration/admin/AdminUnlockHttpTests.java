package registration.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.CustomerRegistrationApplication;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;
import registration.support.TestServices;
import tools.jackson.databind.JsonNode;

/**
 * Lockouts are data (SPEC 11): a login lockout and an OTP lock show in the operator API and an unlock lifts them.
 * Rate limits on, 3 failures lock a login, 2 wrong codes a day lock a purpose; every request comes from a client
 * address of its own so that per-IP buckets play no part.
 */
@HttpTest
@TestPropertySource(properties = {
        "customer-registration.rate-limit.enabled=true",
        "customer-registration.rate-limit.trusted-proxies=127.0.0.1",
        "customer-registration.rate-limit.login-lockout.max-failures=3",
        "customer-registration.otp.max-failed-attempts-per-day=2",
        "customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false"})
class AdminUnlockHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    ApplicationContext context;
    @Autowired
    Mailbox mailbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    private static ConfigurableApplicationContext second;

    /** A second instance on the same database, counting in its own memory (no Redis): only the database is shared. */
    private static synchronized StoreApi secondInstance() {
        if (second == null) {
            List<String> args = new ArrayList<>();
            TestServices.properties().forEach(p -> args.add("--" + p));
            for (String p : AdminUnlockHttpTests.class.getAnnotation(TestPropertySource.class).properties()) {
                args.add("--" + p);
            }
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
    }

    private static String client() {
        var random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** The code of a message other than the one carrying {@code old} (a lock notice may arrive in between). */
    private String newCode(String email, String old) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (var message : mailbox.messagesFor(email)) {
                var matcher = Mailbox.CODE.matcher(Mailbox.text(message));
                if (matcher.find() && matcher.group(1).matches("\\d+") && !matcher.group(1).equals(old)) {
                    return matcher.group(1);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("No new code arrived for the customer within 10 s");
    }

    private String signUp(String email) {
        String token = api.registerEmailForwarded(email, PASSWORD, client()).text("token");
        Response created = api.createCustomerForwarded(token, body("email", email), client());
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.body().path("customer").path("id").asString();
    }

    @Test
    void anUnlockLiftsALoginLockoutOnEveryInstanceAndTheListAndDetailShowIt() {
        String email = StoreApi.newEmail();
        String id = signUp(email);
        for (int i = 0; i < 3; i++) {
            assertThat(api.loginEmailForwarded(email, "wrong-password", client()).status()).isEqualTo(401);
        }
        assertThat(api.loginEmailForwarded(email, PASSWORD, client()).text("code")).isEqualTo("login_locked");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_lock WHERE actor_id = :id").param("id", id).query(Long.class).single())
                .as("the lock is a row naming the customer").isEqualTo(1);
        String admin = TestAdmins.loginToken(context, api);

        JsonNode detail = api.get("/admin/customers/" + id, admin).body().path("customer");
        assertThat(detail.path("locked").asBoolean()).isTrue();
        assertThat(detail.path("identities").get(0).path("locked_until").asString()).isNotEmpty();
        Response locked = api.get("/admin/customers?locked=true&q=" + email, admin);
        assertThat(locked.body().path("count").asLong()).isEqualTo(1);
        assertThat(locked.body().path("customers").get(0).path("locked").asBoolean()).isTrue();

        Response unlocked = api.post("/admin/customers/" + id + "/unlock", null, admin);

        assertThat(unlocked.status()).as(unlocked.toString()).isEqualTo(200);
        assertThat(unlocked.body().path("customer").path("locked").asBoolean()).isFalse();
        assertThat(api.get("/admin/customers?locked=true&q=" + email, admin).body().path("count").asLong()).isZero();
        assertThat(api.loginEmailForwarded(email, PASSWORD, client()).status()).isEqualTo(200);
    }

    @Test
    void aLockSetOnOneInstanceHoldsOnAnotherAndAnUnlockLiftsItsStaleMemoryToo() {
        StoreApi other = secondInstance();
        String email = StoreApi.newEmail();
        String id = signUp(email);
        for (int i = 0; i < 3; i++) {
            assertThat(api.loginEmailForwarded(email, "wrong-password", client()).status()).isEqualTo(401);
        }
        assertThat(other.loginEmailForwarded(email, PASSWORD, client()).text("code"))
                .as("the other instance never counted a failure, yet refuses").isEqualTo("login_locked");
        String admin = TestAdmins.loginToken(context, api);
        assertThat(api.post("/admin/customers/" + id + "/unlock", null, admin).status()).isEqualTo(200);
        assertThat(other.loginEmailForwarded(email, PASSWORD, client()).status()).isEqualTo(200);

        // Now a lock counted in the other instance's memory, lifted through this one.
        for (int i = 0; i < 3; i++) {
            assertThat(other.loginEmailForwarded(email, "wrong-password", client()).status()).isEqualTo(401);
        }
        assertThat(api.loginEmailForwarded(email, PASSWORD, client()).text("code")).isEqualTo("login_locked");
        assertThat(api.post("/admin/customers/" + id + "/unlock", null, admin).status()).isEqualTo(200);

        assertThat(other.loginEmailForwarded(email, PASSWORD, client()).status())
                .as("its memory still held the lock; the database says it was lifted").isEqualTo(200);
        assertThat(api.loginEmailForwarded(email, PASSWORD, client()).status()).isEqualTo(200);
    }

    @Test
    void anUnlockLiftsAnOtpLockAndForgetsItsWrongCodes() {
        String email = StoreApi.newEmail();
        String id = signUp(email);
        Response sent = api.postForwarded("/store/customers/otp/send", body("customer_id", id, "type", "email_verification"), client());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        mailbox.awaitMessage(email, 1);
        for (int i = 0; i < 2; i++) {
            api.postForwarded("/store/customers/otp/verify", body("token", sent.text("token"), "code", "000000"), client());
        }
        Response refused = api.postForwarded("/store/customers/otp/verify",
                body("token", sent.text("token"), "code", mailbox.code(email, 1)), client());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        String admin = TestAdmins.loginToken(context, api);
        JsonNode detail = api.get("/admin/customers/" + id, admin).body().path("customer");
        assertThat(detail.path("locked").asBoolean()).isTrue();
        assertThat(detail.path("otp_locks").get(0).path("purpose").asString()).isEqualTo("email_verification");

        assertThat(api.post("/admin/customers/" + id + "/unlock", null, admin).status()).isEqualTo(200);

        assertThat(api.get("/admin/customers/" + id, admin).body().path("customer").path("otp_locks").isEmpty()).isTrue();
        // The lock killed the code it caught: the customer asks for a new one, and the wrong codes before no longer count.
        clock.advance(Duration.ofMinutes(2));
        Response again = api.postForwarded("/store/customers/otp/send", body("customer_id", id, "type", "email_verification"), client());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        String code = newCode(email, mailbox.code(email, 1));
        Response wrong = api.postForwarded("/store/customers/otp/verify", body("token", again.text("token"), "code", "000000"), client());
        assertThat(wrong.status()).as("one wrong code is not the third of the day: " + wrong).isEqualTo(400);
        Response verified = api.postForwarded("/store/customers/otp/verify", body("token", again.text("token"), "code", code), client());
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    }
}
