package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jakarta.mail.internet.MimeMessage;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;

/**
 * The attacks issue 16 found against the OTP engine, each as a test that would pass against the old engine
 * only if the attack failed: a re-send that killed the owner's code, a guessing budget refilled by re-sends,
 * and a token re-signed to name another customer or value. Default configuration (60 s throttle, 5 attempts,
 * {@code otp.max-failed-attempts-per-day = 10}).
 */
@HttpTest
class OtpOwnerFirstHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    TestClock clock;

    record SignedUp(String id, String email, String token, Response answer) {
    }

    @Test
    void anAttackerWhoReSendsTheCodeNoLongerKillsTheOwnersCode() {
        SignedUp owner = signUp();
        String ownerCode = mailbox.code(owner.email(), 1);

        // The attacker only knows the customer id, and asks for a new code each time the throttle allows.
        for (int i = 2; i <= 3; i++) {
            clock.advance(Duration.ofSeconds(61));
            assertThat(api.sendOtp(owner.id(), "email_verification").status()).isEqualTo(200);
            mailbox.awaitMessage(owner.email(), i);
        }

        Response verified = api.verifyOtp(owner.token(), ownerCode);
        assertThat(verified.status()).as("the owner's first code still verifies").isEqualTo(200);
        assertThat(verified.body().path("customer").path("id").asString()).isEqualTo(owner.id());
        Response later = api.verifyOtp(owner.token(), mailbox.code(owner.email(), 3));
        assertThat(later.text("code")).as("and it used up the newer ones").isEqualTo("otp_invalid");
    }

    @Test
    void atMostThreeCodesStayLiveAndTheOwnerCanStillFinishWithTheNewest() {
        SignedUp owner = signUp();
        String firstCode = mailbox.code(owner.email(), 1);
        for (int i = 2; i <= 4; i++) {
            clock.advance(Duration.ofSeconds(61));
            assertThat(api.sendOtp(owner.id(), "email_verification").status()).isEqualTo(200);
            mailbox.awaitMessage(owner.email(), i); // one at a time: the outbox may deliver a burst in any order
        }

        assertThat(api.verifyOtp(owner.token(), firstCode).text("code")).as("the oldest was dropped").isEqualTo("otp_invalid");
        // The owner asks again: inside the throttle, the answer carries a token for the newest code they received.
        Response throttled = api.sendOtp(owner.id(), "email_verification");
        assertThat(throttled.status()).isEqualTo(429);
        Response finished = api.verifyOtp(throttled.text("token"), mailbox.code(owner.email(), 4));
        assertThat(finished.status()).as("%s", finished).isEqualTo(200);
    }

    @Test
    void insideTheThrottleTheCallerGetsATokenThatVerifiesTheCodeAlreadySent() {
        SignedUp owner = signUp();

        Response throttled = api.sendOtp(owner.id(), "email_verification");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body().propertyNames()).containsExactlyInAnyOrder("type", "message", "code", "token", "expires_at");
        assertThat(throttled.text("code")).isEqualTo("otp_throttled");
        assertThat(throttled.header("Retry-After")).isPresent();
        mailbox.awaitMessage(owner.email(), 1);
        assertThat(mailbox.messagesFor(owner.email())).as("nothing new is sent").hasSize(1);
        assertThat(api.verifyOtp(throttled.text("token"), mailbox.code(owner.email(), 1)).status()).isEqualTo(200);
    }

    @Test
    void elevenWrongCodesAcrossThreeSendsLockThePurposeAndTellTheCustomer() {
        SignedUp owner = signUp();
        String token = owner.token();
        String code = mailbox.code(owner.email(), 1);
        int[] wrongPerCode = {4, 4, 2}; // ten wrong codes, none of the codes exhausted on its own
        for (int send = 0; send < 3; send++) {
            if (send > 0) {
                clock.advance(Duration.ofSeconds(61));
                token = api.sendOtp(owner.id(), "email_verification").text("token");
                code = mailbox.code(owner.email(), send + 1);
            }
            for (int i = 0; i < wrongPerCode[send]; i++) {
                Response wrong = api.verifyOtp(token, ForgedTokens.wrong(code));
                assertThat(wrong.status()).isEqualTo(400);
                assertThat(wrong.text("code")).isEqualTo("otp_wrong_code");
            }
        }

        Response eleventh = api.verifyOtp(token, ForgedTokens.wrong(code));
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.text("type")).isEqualTo("too_many_requests");
        assertThat(eleventh.text("code")).isEqualTo("otp_locked");
        assertThat(Long.parseLong(eleventh.header("Retry-After").orElseThrow())).isBetween(86_000L, 86_400L);
        Response right = api.verifyOtp(token, code);
        assertThat(right.status()).as("the right code no longer works").isEqualTo(429);
        assertThat(right.text("code")).isEqualTo("otp_locked");
        clock.advance(Duration.ofSeconds(61));
        Response send = api.sendOtp(owner.id(), "email_verification");
        assertThat(send.status()).as("nothing is sent while locked").isEqualTo(429);
        assertThat(send.text("code")).isEqualTo("otp_locked");

        MimeMessage notice = mailbox.awaitMessage(owner.email(), 4);
        assertThat(Mailbox.subject(notice)).isEqualTo("Too many wrong codes were entered");
        assertThat(Mailbox.body(notice)).contains("verifying your email address").doesNotContain("/store/").doesNotContain(code);
        assertThat(api.loginEmail(owner.email(), StoreApi.PASSWORD).status()).as("still unverified").isEqualTo(403);

        clock.advance(Duration.ofHours(24));
        Response again = api.sendOtp(owner.id(), "email_verification");
        assertThat(again.status()).as("the lock ends after 24 h").isEqualTo(200);
        assertThat(api.verifyOtp(again.text("token"), mailbox.code(owner.email(), 5)).status()).isEqualTo(200);
    }

    @Test
    void aTokenReSignedToNameAnotherCustomerCannotMoveTheCode() {
        SignedUp attacker = signUp();
        SignedUp victim = signUp();
        String attackerCode = mailbox.code(attacker.email(), 1);

        // Signed with the service's own key: only the stored record can tell.
        String forged = ForgedTokens.resigned(attacker.token(), Map.of("customer_id", victim.id()));
        Response verified = api.verifyOtp(forged, attackerCode);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("customer").path("id").asString())
                .as("the code verifies its own customer, whatever the token says").isEqualTo(attacker.id());
        assertThat(api.loginEmail(victim.email(), StoreApi.PASSWORD).status()).as("the victim is untouched").isEqualTo(403);

        // Pointing the attacker's code at the victim's record does not work either: it is not the victim's code.
        String aimed = ForgedTokens.resigned(attacker.token(),
                Map.of("otp_id", StoreApi.claims(victim.token()).path("otp_id").asString()));
        assertThat(api.verifyOtp(aimed, attackerCode).text("code")).isEqualTo("otp_wrong_code");
        assertThat(api.verifyOtp(victim.token(), mailbox.code(victim.email(), 1)).status()).isEqualTo(200);
    }

    @Test
    void aVerificationTokenIsAHandleThatNamesNoCustomer() {
        SignedUp owner = signUp();

        assertThat(StoreApi.claims(owner.token()).propertyNames())
                .containsExactlyInAnyOrder("otp_id", "purpose", "kind", "iss", "exp", "iat");
        Response probe = api.sendOtp(StoreApi.claims(owner.token()).path("otp_id").asString(), "email_verification");
        assertThat(probe.status()).as("an otp id is not a customer id").isEqualTo(404);
    }

    private SignedUp signUp() {
        String email = StoreApi.newEmail();
        Response answer = api.signUpWithEmail(email);
        assertThat(answer.status()).isEqualTo(200);
        return new SignedUp(answer.body().path("customer").path("id").asString(), email,
                answer.body().path("verification").path("token").asString(), answer);
    }
}
