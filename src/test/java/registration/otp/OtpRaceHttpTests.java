package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.CustomerRegistrationApplication;
import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.OutboxWatch;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import registration.support.TestServices;

/**
 * Sends and verifies at the same moment, half of them on a second instance of the service that shares the
 * database (as two instances behind a load balancer would): the resend throttle, the attempt counter and
 * single use must hold. No code is sent on registration here, and the throttle is 2 s so that the
 * "throttle has passed" path can race too.
 */
@NoVerificationHttpTest
@TestPropertySource(properties = {OtpRaceHttpTests.THROTTLE, OtpRaceHttpTests.NO_SMS_THROTTLE})
class OtpRaceHttpTests {

    @Autowired
    OutboxWatch outbox;

    static final String THROTTLE = "customer-registration.email-verification.resend-throttle-seconds=2";
    static final String NO_SMS_THROTTLE = "customer-registration.phone-verification.resend-throttle-seconds=0";
    static final int ROUNDS = 5;

    private static ConfigurableApplicationContext secondInstance;
    private static StoreApi other;

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startASecondInstance() {
        List<String> properties = new ArrayList<>(TestServices.properties());
        properties.add(NoVerificationHttpTest.NO_AUTO_SEND);
        properties.add(THROTTLE);
        properties.add(NO_SMS_THROTTLE);
        properties.add("customer-registration.rate-limit.enabled=false"); // as on the first instance (TestServices)
        properties.add(NoVerificationHttpTest.NO_REQUIRED_VERIFICATION);
        properties.add("server.port=0");
        // As command-line arguments: they win over application.yml (builder "properties" would not).
        secondInstance = new SpringApplicationBuilder(CustomerRegistrationApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        other = StoreApi.forPort(Integer.parseInt(secondInstance.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    static void stopTheSecondInstance() {
        secondInstance.close();
    }

    @Test
    void withoutAutoSendTheSignUpAnswerCarriesNoVerificationAndVerifyingStillLogsIn() {
        String email = StoreApi.newEmail();
        Response signUp = api.signUpWithEmail(email);
        assertThat(signUp.status()).isEqualTo(200);
        assertThat(signUp.body().has("verification")).isFalse();

        Response sent = other.sendOtp(signUp.body().path("customer").path("id").asString(), "email_verification");
        assertThat(sent.status()).isEqualTo(200);
        Response verified = api.verifyOtp(sent.text("token"), mailbox.lastCode(email));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("needs_login").asBoolean()).isFalse();
        assertThat(api.me(verified.text("token")).status()).isEqualTo(200);
    }

    @Test
    void tenFirstSendsAtOnceOnTwoInstancesGiveOneCodeAndNine429() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = api.signUpWithEmail(StoreApi.newEmail()).body().path("customer").path("id").asString();

            List<Response> answers = atOnce(10, client -> client.sendOtp(customerId, "email_verification"));

            assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(1);
            assertThat(answers).filteredOn(r -> r.status() == 429)
                    .hasSize(9).allSatisfy(r -> assertThat(r.header("Retry-After")).isPresent());
            assertThat(liveCodes(customerId)).isEqualTo(1);
        }
    }

    @Test
    void withNoThrottleTenSendsAtOnceOnTwoInstancesAllSucceedAndLeaveThreeLiveCodes() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String email = StoreApi.newEmail();
            String registration = api.registerEmail(email, PASSWORD).text("token");
            String customerId = api.createCustomer(registration, body("email", email, "phone", StoreApi.newPhone()))
                    .body().path("customer").path("id").asString();

            List<Response> answers = atOnce(10, client -> client.sendOtp(customerId, "phone_verification"));

            assertThat(answers).as("%s", answers).extracting(Response::status).containsOnly(200);
            assertThat(liveCodes(customerId)).as("otp.max-live-codes: the oldest are dropped").isEqualTo(3);
        }
    }

    @Test
    void twoResendsAtOnceAfterTheThrottleGiveOneCodeAndOne429() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = api.signUpWithEmail(StoreApi.newEmail()).body().path("customer").path("id").asString();
            assertThat(api.sendOtp(customerId, "email_verification").status()).isEqualTo(200);
            Thread.sleep(2_100); // both instances read the real clock here

            List<Response> answers = atOnce(2, client -> client.sendOtp(customerId, "email_verification"));

            assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 429);
            assertThat(liveCodes(customerId)).as("the first code and one new one: a send never kills a code").isEqualTo(2);
        }
    }

    @Test
    void twoWrongGuessesAtOnceCountTwice() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String email = StoreApi.newEmail();
            String customerId = api.signUpWithEmail(email).body().path("customer").path("id").asString();
            String token = api.sendOtp(customerId, "email_verification").text("token");
            String wrong = ForgedTokens.wrong(mailbox.lastCode(email));

            List<Response> answers = atOnce(2, client -> client.verifyOtp(token, wrong));

            assertThat(answers).extracting(r -> r.text("code")).containsExactly("otp_wrong_code", "otp_wrong_code");
            assertThat(jdbc.sql("SELECT attempts FROM otp_code WHERE customer_id = :c").param("c", customerId)
                    .query(Integer.class).single()).isEqualTo(2);
        }
    }

    @Test
    void fiveWrongGuessesAtOnceUseUpTheCode() throws Exception {
        String email = StoreApi.newEmail();
        String customerId = api.signUpWithEmail(email).body().path("customer").path("id").asString();
        String token = api.sendOtp(customerId, "email_verification").text("token");
        String code = mailbox.lastCode(email);

        List<Response> answers = atOnce(6, client -> client.verifyOtp(token, ForgedTokens.wrong(code)));

        // Five attempts are allowed: exactly five guesses are compared, the sixth finds the code dead.
        assertThat(answers).extracting(r -> r.text("code")).filteredOn("otp_wrong_code"::equals).hasSize(5);
        assertThat(answers).extracting(r -> r.text("code")).filteredOn("otp_invalid"::equals).hasSize(1);
        assertThat(api.verifyOtp(token, code).text("code")).isEqualTo("otp_invalid");
    }

    @Test
    void twoRightCodesAtOnceExactlyOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String email = StoreApi.newEmail();
            String customerId = api.signUpWithEmail(email).body().path("customer").path("id").asString();
            String token = api.sendOtp(customerId, "email_verification").text("token");
            String code = mailbox.lastCode(email);

            List<Response> answers = atOnce(2, client -> client.verifyOtp(token, code));

            assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 400);
            assertThat(answers).filteredOn(r -> r.status() == 200).singleElement()
                    .satisfies(r -> assertThat(r.text("token")).isNotEmpty());
            assertThat(answers).filteredOn(r -> r.status() == 400).singleElement()
                    .satisfies(r -> assertThat(r.text("code")).isEqualTo("otp_invalid"));
            assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
        }
    }

    @Test
    void twelveWrongCodesAtOnceOnTwoInstancesLockThePurposeOnceAndTellTheCustomerOnce() throws Exception {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", email, "phone", StoreApi.newPhone()))
                .body().path("customer").path("id").asString();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // no SMS throttle here: three live codes, five attempts each
            tokens.add(api.sendOtp(customerId, "phone_verification").text("token"));
        }

        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Response> answers = atOnce(12, client -> client.verifyOtp(tokens.get(next.getAndIncrement() % 3), "ZZZZZZ"));

        // Tries of one customer's codes take turns: exactly ten are compared, the rest find the lock.
        assertThat(answers).extracting(r -> r.text("code")).filteredOn("otp_wrong_code"::equals).hasSize(10);
        assertThat(answers).extracting(r -> r.text("code")).filteredOn("otp_locked"::equals).hasSize(2);
        Response after = other.verifyOtp(tokens.get(0), "ZZZZZZ");
        assertThat(after.status()).isEqualTo(429);
        assertThat(after.text("code")).isEqualTo("otp_locked");
        mailbox.awaitMessage(email, 1);
        outbox.awaitNothingDueFor(email); // a second notice would have been queued by the answers above
        assertThat(mailbox.messagesFor(email)).extracting(Mailbox::subject).containsExactly("Too many wrong codes were entered");
    }

    @Test
    void theSecondInstanceServesTheSameRoutes() {
        String email = StoreApi.newEmail();
        String registration = other.registerEmail(email, PASSWORD).text("token");
        Response created = other.createCustomer(registration, body("email", email));
        assertThat(created.status()).isEqualTo(200);
        assertThat(api.sendOtp(created.body().path("customer").path("id").asString(), "email_verification").status())
                .isEqualTo(200);
    }

    private int liveCodes(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM otp_code WHERE customer_id = :c AND revoked_at IS NULL AND consumed_at IS NULL")
                .param("c", customerId).query(Integer.class).single();
    }

    /** Sends {@code n} requests released together, alternating between the two instances. */
    private List<Response> atOnce(int n, Function<StoreApi, Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                StoreApi client = i % 2 == 0 ? api : other;
                calls.add(() -> {
                    start.await();
                    return call.apply(client);
                });
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}
