package registration.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.OutboxWatch;
import registration.support.SmsInbox;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;

/**
 * Password reset by SMS code for phone-only customers: {@code /auth/customer/phonepass/reset-password}
 * answers {@code {token, expires_at}} (a decoy for unknown numbers) and {@code …/update} takes
 * {@code {phone, token, code, password}}.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.identifier=phone",
        "customer-registration.registration.require-verification=false"})
class SmsPasswordResetHttpTests {

    @Autowired
    OutboxWatch outbox;

    static final String NEW_PASSWORD = "a-brand-new-password";

    @Autowired
    StoreApi api;
    @Autowired
    SmsInbox sms;
    @Autowired
    TestClock clock;

    @Test
    void answersTheSameShapeForKnownAndUnknownNumbersAndTextsOnlyTheKnownOne() {
        String known = StoreApi.newPhone();
        String unknown = StoreApi.newPhone();
        api.signUpWithPhone(known);

        Response forKnown = api.requestPhoneReset(known);
        Response forUnknown = api.requestPhoneReset(unknown);

        assertThat(forKnown.status()).isEqualTo(201);
        assertThat(forUnknown.status()).isEqualTo(201);
        assertThat(fieldNames(forKnown.body())).isEqualTo(fieldNames(forUnknown.body())).isEqualTo("expires_at,token");
        JsonNode knownClaims = StoreApi.claims(forKnown.text("token"));
        JsonNode unknownClaims = StoreApi.claims(forUnknown.text("token"));
        assertThat(unknownClaims.propertyNames()).containsExactlyInAnyOrderElementsOf(knownClaims.propertyNames());
        assertThat(unknownClaims.path("purpose").asString()).isEqualTo(knownClaims.path("purpose").asString());
        // Handles: nothing in either names a customer or a number, so the second request of the old attack —
        // a value from the token as customer_id on otp/send — answers alike.
        assertThat(knownClaims.propertyNames()).containsExactlyInAnyOrder("otp_id", "purpose", "kind", "iss", "exp", "iat");
        for (String claim : knownClaims.propertyNames()) {
            Response fromKnown = api.sendOtp(knownClaims.path(claim).asString(), "phone_verification");
            Response fromUnknown = api.sendOtp(unknownClaims.path(claim).asString(), "phone_verification");
            assertThat(fromKnown.status()).as(claim).isEqualTo(fromUnknown.status()).isEqualTo(404);
        }
        resetCode(known, 1);
        outbox.awaitNothingDueFor(known, unknown);
        assertThat(sms.messagesFor(unknown)).isEmpty();
    }

    @Test
    void theTextedCodeSetsTheNewPasswordRevokesOldTokensAndNotifies() {
        String phone = StoreApi.newPhone();
        api.signUpWithPhone(phone);
        String before = api.loginPhone(phone, PASSWORD).text("token");
        Response requested = api.requestPhoneReset(phone);

        Response reset = api.resetPhonePassword(phone, requested.text("token"), resetCode(phone, 1), NEW_PASSWORD);

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.body().path("success").asBoolean()).isTrue();
        assertThat(api.loginPhone(phone, PASSWORD).status()).isEqualTo(401);
        Response login = api.loginPhone(phone, NEW_PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(api.me(before).status()).isEqualTo(401);
        assertThat(api.me(login.text("token")).body().path("customer").path("phone_verified").asBoolean()).isTrue();
        awaitPurpose(phone, "password_changed_notice", 1);
    }

    @Test
    void acceptsThePhoneFieldInsteadOfIdentifier() {
        String phone = StoreApi.newPhone();
        api.signUpWithPhone(phone);

        Response requested = api.post("/auth/customer/phonepass/reset-password", body("phone", phone), null);

        assertThat(requested.status()).isEqualTo(201);
        assertThat(api.resetPhonePassword(phone, requested.text("token"), resetCode(phone, 1), NEW_PASSWORD).status())
                .isEqualTo(200);
        assertThat(api.post("/auth/customer/phonepass/reset-password", body("phone", phone, "identifier", phone), null)
                .status()).isEqualTo(400);
        assertThat(api.post("/auth/customer/phonepass/reset-password", body(), null).status()).isEqualTo(400);
        assertThat(api.requestPhoneReset("12345").status()).isEqualTo(400);
    }

    @Test
    void aDecoyTokenFailsLikeANeverGuessedCode() {
        String unknown = StoreApi.newPhone();
        Response decoy = api.requestPhoneReset(unknown);

        Response tried = api.resetPhonePassword(unknown, decoy.text("token"), "123456", NEW_PASSWORD);

        assertThat(tried.status()).isEqualTo(400);
        assertThat(tried.text("code")).isEqualTo("otp_wrong_code");
    }

    @Test
    void aWrongCodeChangesNothingAndTheCodeWorksOnlyOnce() {
        String phone = StoreApi.newPhone();
        api.signUpWithPhone(phone);
        Response requested = api.requestPhoneReset(phone);
        String code = resetCode(phone, 1);

        Response wrong = api.resetPhonePassword(phone, requested.text("token"), code.equals("000000") ? "111111" : "000000",
                NEW_PASSWORD);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("code")).isEqualTo("otp_wrong_code");
        assertThat(api.loginPhone(phone, PASSWORD).status()).isEqualTo(200);

        assertThat(api.resetPhonePassword(phone, requested.text("token"), code, NEW_PASSWORD).status()).isEqualTo(200);
        Response again = api.resetPhonePassword(phone, requested.text("token"), code, "yet-another-password");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("code")).isEqualTo("otp_invalid");
        assertThat(api.loginPhone(phone, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aRefusedPasswordCostsNoAttemptAndKeepsTheCodeUsable() {
        String phone = StoreApi.newPhone();
        api.signUpWithPhone(phone);
        Response requested = api.requestPhoneReset(phone);
        String code = resetCode(phone, 1);

        for (int i = 0; i < 6; i++) {
            assertThat(api.resetPhonePassword(phone, requested.text("token"), code, "short").status()).isEqualTo(400);
        }
        assertThat(api.resetPhonePassword(phone, requested.text("token"), code, phone).status()).isEqualTo(400);

        assertThat(api.resetPhonePassword(phone, requested.text("token"), code, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aNewerRequestKeepsTheOlderCodeValidAndTheFirstUseConsumesBoth() {
        String phone = StoreApi.newPhone();
        api.signUpWithPhone(phone);
        Response older = api.requestPhoneReset(phone);
        String olderCode = resetCode(phone, 1);
        clock.advance(Duration.ofSeconds(61));
        Response newer = api.requestPhoneReset(phone);
        String newerCode = resetCode(phone, 2);

        assertThat(api.resetPhonePassword(phone, older.text("token"), olderCode, NEW_PASSWORD).status())
                .as("a re-send by someone else does not kill the owner's code").isEqualTo(200);
        Response used = api.resetPhonePassword(phone, newer.text("token"), newerCode, "another-" + NEW_PASSWORD);
        assertThat(used.status()).isEqualTo(400);
        assertThat(used.text("code")).isEqualTo("otp_invalid");
    }

    @Test
    void aTokenSentToOneNumberDoesNotResetAnother() {
        String alice = StoreApi.newPhone();
        String bob = StoreApi.newPhone();
        api.signUpWithPhone(alice);
        api.signUpWithPhone(bob);
        Response requested = api.requestPhoneReset(alice);
        String code = resetCode(alice, 1);

        Response refused = api.resetPhonePassword(bob, requested.text("token"), code, NEW_PASSWORD);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("otp_invalid");
        assertThat(api.loginPhone(bob, PASSWORD).status()).isEqualTo(200);
        assertThat(api.resetPhonePassword(alice, requested.text("token"), code, NEW_PASSWORD).status())
                .as("the code was not used up by the refused attempt").isEqualTo(200);
    }

    @Test
    void aSecondRequestInsideTheThrottleIsAnsweredAlikeWithAHandleToTheCodeAlreadySent() {
        String known = StoreApi.newPhone();
        String unknown = StoreApi.newPhone();
        api.signUpWithPhone(known);
        Response firstKnown = api.requestPhoneReset(known);
        Response firstUnknown = api.requestPhoneReset(unknown);

        Response forKnown = api.requestPhoneReset(known);
        Response forUnknown = api.requestPhoneReset(unknown);

        assertThat(forKnown.status()).isEqualTo(201);
        assertThat(forUnknown.status()).isEqualTo(201);
        assertThat(fieldNames(forKnown.body())).isEqualTo(fieldNames(forUnknown.body()));
        assertThat(StoreApi.claims(forKnown.text("token")).path("otp_id").asString())
                .isEqualTo(StoreApi.claims(firstKnown.text("token")).path("otp_id").asString());
        assertThat(StoreApi.claims(forUnknown.text("token")).path("otp_id").asString())
                .isEqualTo(StoreApi.claims(firstUnknown.text("token")).path("otp_id").asString());
        outbox.awaitNothingDueFor(known, unknown);
        assertThat(ofPurpose(known, "password_reset")).hasSize(1);
        assertThat(api.resetPhonePassword(known, forKnown.text("token"), resetCode(known, 1), NEW_PASSWORD).status())
                .isEqualTo(200);
    }

    @Test
    void aPhoneLoginWithoutCustomerIsAnsweredLikeAnUnknownNumber() {
        String phone = StoreApi.newPhone();
        assertThat(api.registerPhone(phone, PASSWORD).status()).isEqualTo(200); // customer never created

        Response requested = api.requestPhoneReset(phone);

        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.text("token")).isNotEmpty();
        assertThat(api.resetPhonePassword(phone, requested.text("token"), "123456", NEW_PASSWORD).text("code"))
                .isEqualTo("otp_wrong_code");
        outbox.awaitNothingDueFor(phone);
        assertThat(sms.messagesFor(phone)).isEmpty();
    }

    @Test
    void loginAndResetTokensDoNotMixWithSmsCodes() {
        String phone = StoreApi.newPhone();
        api.signUpWithPhone(phone);
        String login = api.loginPhone(phone, PASSWORD).text("token");

        Response withLogin = api.resetPhonePassword(phone, login, "123456", NEW_PASSWORD);

        assertThat(withLogin.status()).isEqualTo(400);
        assertThat(withLogin.text("code")).isEqualTo("otp_invalid");
        Response requested = api.requestPhoneReset(phone);
        assertThat(api.me(requested.text("token")).status()).isEqualTo(401);
    }

    /** The code of the {@code n}-th password reset SMS to {@code phone}, waiting for it. */
    private String resetCode(String phone, int n) {
        SmsInbox.Sms message = awaitPurpose(phone, "password_reset", n);
        var code = Mailbox.CODE.matcher(message.message());
        assertThat(code.find()).as("a code in: %s", message.message()).isTrue();
        return code.group(1);
    }

    private SmsInbox.Sms awaitPurpose(String phone, String purpose, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<SmsInbox.Sms> found = ofPurpose(phone, purpose);
            if (found.size() >= n) {
                return found.get(n - 1);
            }
            PasswordResetHttpTests.pause(Duration.ofMillis(50));
        }
        throw new AssertionError("No " + purpose + " SMS #" + n + " arrived for " + phone + " within 10 s");
    }

    private List<SmsInbox.Sms> ofPurpose(String phone, String purpose) {
        return sms.messagesFor(phone).stream().filter(m -> m.purpose().equals(purpose)).toList();
    }

    private static String fieldNames(JsonNode body) {
        return String.join(",", body.propertyNames().stream().sorted().toList());
    }
}
