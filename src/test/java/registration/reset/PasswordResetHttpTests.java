package registration.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import jakarta.mail.internet.MimeMessage;
import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.OutboxWatch;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;

/** Password reset by email link: {@code /auth/customer/emailpass/reset-password} and {@code …/update}. */
@NoVerificationHttpTest
@TestPropertySource(properties = "customer-registration.storefront-url=https://shop.example.com/")
class PasswordResetHttpTests {

    @Autowired
    OutboxWatch outbox;

    static final String NEW_PASSWORD = "a-brand-new-password";
    private static final Pattern LINK = Pattern.compile(
            "https://shop\\.example\\.com/reset-password\\?token=([A-Za-z0-9._%-]+)(?:&amp;|&)email=([A-Za-z0-9._%+-]+)");

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    TestClock clock;

    @Test
    void answers201WithAnEmptyBodyForKnownAndUnknownEmailsAndMailsOnlyTheKnownOne() {
        String known = StoreApi.newEmail();
        String unknown = StoreApi.newEmail();
        api.signUpWithEmail(known);

        Response forKnown = api.requestEmailReset(known.toUpperCase());
        Response forUnknown = api.requestEmailReset(unknown);

        assertThat(forKnown.status()).isEqualTo(201);
        assertThat(forUnknown.status()).isEqualTo(201);
        assertThat(forKnown.raw().body()).isEmpty();
        assertThat(forUnknown.raw().body()).isEmpty();
        mailbox.awaitMessage(known, 1);
        outbox.awaitNothingDueFor(known, unknown);
        assertThat(mailbox.messagesFor(unknown)).isEmpty();
    }

    @Test
    void theEmailLinksToTheStorefrontWithAFifteenMinuteResetToken() {
        String email = "Ada+" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
        String normalised = email.toLowerCase();
        api.signUpWithEmail(normalised);

        api.requestEmailReset(email);

        Matcher link = link(normalised);
        assertThat(URLDecoder.decode(link.group(2), StandardCharsets.UTF_8)).isEqualTo(normalised);
        assertThat(link.group(2)).as("URL-encoded").contains("%40").contains("%2B");
        JsonNode claims = StoreApi.claims(URLDecoder.decode(link.group(1), StandardCharsets.UTF_8));
        assertThat(claims.path("kind").asString()).isEqualTo("reset");
        assertThat(claims.path("entity_id").asString()).isEqualTo(normalised);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(15 * 60);
    }

    @Test
    void aResetTokenInTheBodySetsTheNewPasswordRevokesOldTokensAndNotifies() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String before = api.loginEmail(email, PASSWORD).text("token");
        api.requestEmailReset(email);
        String token = resetToken(email, 1);

        Response reset = api.resetEmailPassword(token, NEW_PASSWORD);

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.body().path("success").asBoolean()).isTrue();
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(401);
        Response login = api.loginEmail(email, NEW_PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(api.me(before).status()).as("every earlier token is refused").isEqualTo(401);
        JsonNode me = api.me(login.text("token")).body().path("customer");
        assertThat(me.path("email_verified").asBoolean()).as("the link proved the address").isTrue();
        MimeMessage notice = mailbox.awaitMessage(email, 2);
        assertThat(Mailbox.text(notice)).doesNotContain(token);
    }

    @Test
    void aResetTokenAsBearerWithTheEmailSetsTheNewPassword() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        api.requestEmailReset(email);
        String token = resetToken(email, 1);

        Response otherEmail = api.resetEmailPasswordWithBearer(token, StoreApi.newEmail(), NEW_PASSWORD);
        assertThat(otherEmail.status()).isEqualTo(401);
        Response reset = api.resetEmailPasswordWithBearer(token, email.toUpperCase(), NEW_PASSWORD);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(api.loginEmail(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aBearerResetTokenWithoutEmailWorksToo() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        api.requestEmailReset(email);

        Response reset = api.resetEmailPasswordWithBearer(resetToken(email, 1), null, NEW_PASSWORD);

        assertThat(reset.status()).isEqualTo(200);
        assertThat(api.loginEmail(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aResetTokenWorksOnlyOnce() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        api.requestEmailReset(email);
        String token = resetToken(email, 1);
        assertThat(api.resetEmailPassword(token, NEW_PASSWORD).status()).isEqualTo(200);

        Response again = api.resetEmailPassword(token, "yet-another-password");

        assertThat(again.status()).isEqualTo(401);
        assertThat(again.text("type")).isEqualTo("unauthorized");
        assertThat(api.loginEmail(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void parallelResetsWithOneTokenSucceedOnce() throws Exception {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        api.requestEmailReset(email);
        String token = resetToken(email, 1);

        int parallel = 4;
        var pool = Executors.newFixedThreadPool(parallel);
        var start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            String password = "parallel-password-" + i;
            Callable<Response> call = () -> {
                start.await();
                return api.resetEmailPassword(token, password);
            };
            futures.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> f : futures) {
            statuses.add(f.get().status());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(parallel - 1);
    }

    @Test
    void aNewerRequestKeepsTheOlderLinkValidAndTheFirstUseKillsTheOther() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        api.requestEmailReset(email);
        String older = resetToken(email, 1);
        clock.advance(Duration.ofSeconds(61)); // past the resend throttle
        assertThat(api.requestEmailReset(email).status()).isEqualTo(201);
        String newer = resetToken(email, 2);

        assertThat(api.resetEmailPassword(older, NEW_PASSWORD).status())
                .as("a re-send by someone else does not kill the owner's link").isEqualTo(200);
        assertThat(api.resetEmailPassword(newer, "another-" + NEW_PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void aResetTokenExpiresAfterFifteenMinutes() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        api.requestEmailReset(email);
        String token = resetToken(email, 1);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(api.resetEmailPassword(token, NEW_PASSWORD).status()).isEqualTo(401);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aRepeatInsideTheThrottleIsAnsweredAlikeSendsNothingAndKeepsTheFirstLink() {
        String known = StoreApi.newEmail();
        String unknown = StoreApi.newEmail();
        api.signUpWithEmail(known);
        api.requestEmailReset(known);
        api.requestEmailReset(unknown);
        String first = resetToken(known, 1);

        Response forKnown = api.requestEmailReset(known);
        Response forUnknown = api.requestEmailReset(unknown);

        assertThat(forKnown.status()).isEqualTo(201);
        assertThat(forUnknown.status()).isEqualTo(201);
        outbox.awaitNothingDueFor(known, unknown);
        assertThat(mailbox.messagesFor(known)).hasSize(1);
        assertThat(api.resetEmailPassword(first, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theNewPasswordMustMeetThePolicyAndARefusalKeepsTheTokenUsable() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        api.requestEmailReset(email);
        String token = resetToken(email, 1);

        Response tooShort = api.resetEmailPassword(token, "short");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.text("type")).isEqualTo("invalid_data");
        assertThat(api.resetEmailPassword(token, email).status()).as("not the email itself").isEqualTo(400);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);

        assertThat(api.resetEmailPassword(token, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aLoginTokenCannotResetAndAResetTokenCannotCallMe() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String login = api.loginEmail(email, PASSWORD).text("token");
        api.requestEmailReset(email);
        String token = resetToken(email, 1);

        assertThat(api.resetEmailPassword(login, NEW_PASSWORD).status()).isEqualTo(401);
        assertThat(api.resetEmailPasswordWithBearer(login, email, NEW_PASSWORD).status()).isEqualTo(401);
        assertThat(api.me(token).status()).isEqualTo(401);
        assertThat(api.refresh(token).status()).isEqualTo(401);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void logOutEverywhereAlsoRevokesAnOutstandingResetLink() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        api.requestEmailReset(email);
        String token = resetToken(email, 1);

        api.logOutEverywhere(api.loginEmail(email, PASSWORD).text("token"));

        assertThat(api.resetEmailPassword(token, NEW_PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void anIdentityWhoseCustomerWasNeverCreatedCanResetItsPassword() {
        String email = StoreApi.newEmail();
        assertThat(api.registerEmail(email, PASSWORD).status()).isEqualTo(200);
        assertThat(api.registerEmail(email, "forgotten-password").status()).isEqualTo(401);
        api.requestEmailReset(email);

        assertThat(api.resetEmailPassword(resetToken(email, 1), NEW_PASSWORD).status()).isEqualTo(200);

        Response registration = api.registerEmail(email, NEW_PASSWORD);
        assertThat(registration.status()).as("sign-up can be finished with the new password").isEqualTo(200);
        assertThat(api.createCustomer(registration.text("token"), body("email", email)).status()).isEqualTo(200);
    }

    @Test
    void refusesMalformedRequests() {
        assertThat(api.post("/auth/customer/emailpass/reset-password", body(), null).text("message"))
                .isEqualTo("Invalid request: Field 'identifier' is required");
        assertThat(api.requestEmailReset("not-an-email").status()).isEqualTo(400);
        assertThat(api.post("/auth/customer/emailpass/reset-password", body("email", StoreApi.newEmail()), null).status())
                .isEqualTo(400);
        assertThat(api.post("/auth/customer/emailpass/update", body("password", NEW_PASSWORD), null).status())
                .as("no token anywhere").isEqualTo(401);
        assertThat(api.post("/auth/customer/emailpass/update", body("token", "x"), null).text("message"))
                .isEqualTo("Invalid request: Field 'password' is required");
    }

    private String resetToken(String email, int message) {
        return mailbox.linkToken(email, message);
    }

    private Matcher link(String email) {
        return link(email, 1);
    }

    private Matcher link(String email, int message) {
        String text = Mailbox.text(mailbox.awaitMessage(email, message));
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a reset link in: %s", text).isTrue();
        return link;
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
