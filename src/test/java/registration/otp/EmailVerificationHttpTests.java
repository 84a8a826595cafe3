package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Email verification in the default configuration: {@code registration.identifier = email},
 * {@code require-verification = true}, the code sent on registration, a 60 s resend throttle, 5 attempts,
 * 15-minute codes. Codes are read from the real SMTP server.
 */
@HttpTest
class EmailVerificationHttpTests {

    static final String ISO_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    TestClock clock;

    @Test
    void signUpMailsTheCodeThatVerifiesTheEmailAndLogsTheCustomerIn() {
        String email = StoreApi.newEmail();
        Response signUp = api.signUpWithEmail(email);
        assertThat(signUp.status()).isEqualTo(200);
        JsonNode customer = signUp.body().path("customer");
        assertThat(customer.path("email_verified").asBoolean()).isFalse();
        JsonNode verification = signUp.body().path("verification");
        assertThat(verification.path("type").asString()).isEqualTo("email_verification");
        assertThat(verification.path("expires_at").asString()).matches(ISO_MILLIS);
        assertThat(Instant.parse(verification.path("expires_at").asString()))
                .isBetween(clock.instant().plus(Duration.ofMinutes(14)), clock.instant().plus(Duration.ofMinutes(15)));

        var message = mailbox.awaitMessage(email, 1);
        assertThat(Mailbox.subject(message)).isEqualTo("Verify your email");
        assertThat(Mailbox.body(message)).as("no name to an address not yet proven (SPEC 10)").startsWith("Hello,").doesNotContain("Ada");
        Response verified = api.verifyOtp(verification.path("token").asString(), mailbox.lastCode(email));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("verified").asBoolean()).isTrue();
        assertThat(verified.body().path("email_verified").asBoolean()).isTrue();
        assertThat(verified.body().has("phone_verified")).isFalse();
        assertThat(verified.body().path("needs_login").asBoolean()).isFalse();
        assertThat(verified.body().path("customer").path("id").asString()).isEqualTo(customer.path("id").asString());
        assertThat(verified.body().path("customer").path("email_verified").asBoolean()).isTrue();
        JsonNode claims = claims(verified.text("token"));
        assertThat(claims.path("actor_id").asString()).isEqualTo(customer.path("id").asString());
        assertThat(claims.path("auth_provider").asString()).isEqualTo("emailpass");
        Response me = api.me(verified.text("token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("customer").path("email_verified").asBoolean()).isTrue();
    }

    @Test
    void loginIsRefusedUntilTheEmailIsVerifiedWhileAWrongPasswordStaysA401() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        Response signUp = api.createCustomer(registration, body("email", email));

        Response unverified = api.loginEmail(email, PASSWORD);
        assertThat(unverified.status()).isEqualTo(403);
        assertThat(unverified.text("type")).isEqualTo("not_allowed");
        assertThat(unverified.text("code")).isEqualTo("verification_required");
        Response wrongPassword = api.loginEmail(email, "not-the-password");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(api.loginEmail(StoreApi.newEmail(), "not-the-password").body());
        assertThat(api.refresh(registration).status()).isEqualTo(403);

        assertThat(api.verifyOtp(signUp.body().path("verification").path("token").asString(), mailbox.lastCode(email))
                .status()).isEqualTo(200);

        Response login = api.loginEmail(email, PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(api.me(login.text("token")).status()).isEqualTo(200);
        assertThat(api.loginEmail(email, "not-the-password").status()).isEqualTo(401);
        assertThat(api.refresh(registration).status()).isEqualTo(200);
    }

    @Test
    void aWrongCodeIsRefusedAndTheRightCodeStillWorks() {
        String email = StoreApi.newEmail();
        String token = api.signUpWithEmail(email).body().path("verification").path("token").asString();
        String code = mailbox.lastCode(email);

        Response wrong = api.verifyOtp(token, ForgedTokens.wrong(code));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("type")).isEqualTo("invalid_data");
        assertThat(wrong.text("code")).isEqualTo("otp_wrong_code");

        assertThat(api.verifyOtp(token, code).status()).isEqualTo(200);
    }

    @Test
    void anExpiredCodeIsRefusedAndANewOneCanBeSent() {
        String email = StoreApi.newEmail();
        Response signUp = api.signUpWithEmail(email);
        String token = signUp.body().path("verification").path("token").asString();
        String code = mailbox.lastCode(email);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        Response expired = api.verifyOtp(token, code);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.text("type")).isEqualTo("invalid_data");
        assertThat(expired.text("code")).isEqualTo("otp_invalid");

        Response resent = api.sendOtp(signUp.body().path("customer").path("id").asString(), "email_verification");
        assertThat(resent.status()).isEqualTo(200);
        assertThat(api.verifyOtp(resent.text("token"), mailbox.code(email, 2)).status()).isEqualTo(200);
    }

    @Test
    void afterFiveWrongCodesEvenTheRightCodeIsRefused() {
        String email = StoreApi.newEmail();
        String token = api.signUpWithEmail(email).body().path("verification").path("token").asString();
        String code = mailbox.lastCode(email);

        for (int i = 0; i < 5; i++) {
            assertThat(api.verifyOtp(token, ForgedTokens.wrong(code)).text("code")).isEqualTo("otp_wrong_code");
        }
        Response exhausted = api.verifyOtp(token, code);
        assertThat(exhausted.status()).isEqualTo(400);
        assertThat(exhausted.text("code")).isEqualTo("otp_invalid");
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(403);
    }

    @Test
    void aCodeWorksOnlyOnce() {
        String email = StoreApi.newEmail();
        String token = api.signUpWithEmail(email).body().path("verification").path("token").asString();
        String code = mailbox.lastCode(email);
        assertThat(api.verifyOtp(token, code).status()).isEqualTo(200);

        Response reused = api.verifyOtp(token, code);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.text("type")).isEqualTo("invalid_data");
        assertThat(reused.text("code")).isEqualTo("otp_invalid");
    }

    @Test
    void aNewSendKeepsTheOlderCodeValidAndTheFirstRightCodeUsesUpBoth() {
        String email = StoreApi.newEmail();
        Response signUp = api.signUpWithEmail(email);
        String firstToken = signUp.body().path("verification").path("token").asString();
        String firstCode = mailbox.code(email, 1);

        clock.advance(Duration.ofSeconds(61));
        Response second = api.sendOtp(signUp.body().path("customer").path("id").asString(), "email_verification");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("expires_at")).matches(ISO_MILLIS);
        String secondCode = mailbox.code(email, 2);

        if (!firstCode.equals(secondCode)) { // one chance in a million that both codes are equal
            assertThat(api.verifyOtp(second.text("token"), firstCode).text("code")).isEqualTo("otp_wrong_code");
        }
        assertThat(api.verifyOtp(firstToken, firstCode).status()).as("the older code still works").isEqualTo(200);
        Response used = api.verifyOtp(second.text("token"), secondCode);
        assertThat(used.status()).isEqualTo(400);
        assertThat(used.text("code")).as("the first verification used up every live code").isEqualTo("otp_invalid");
    }

    @Test
    void aTamperedOrUnsignedTokenIsRefusedWithoutSpendingTheCode() {
        String email = StoreApi.newEmail();
        Response signUp = api.signUpWithEmail(email);
        String token = signUp.body().path("verification").path("token").asString();
        String code = mailbox.lastCode(email);
        String someoneElse = api.signUpWithEmail(StoreApi.newEmail()).body().path("customer").path("id").asString();
        String login = login(StoreApi.newEmail());

        for (String forged : new String[] {
                ForgedTokens.withChangedPayload(token, "customer_id", someoneElse),
                ForgedTokens.withChangedPayload(token, "purpose", "phone_verification"),
                ForgedTokens.unsigned(token),
                token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA"),
                login,
                "not-a-token"}) {
            Response refused = api.verifyOtp(forged, code);
            assertThat(refused.status()).as(forged).isEqualTo(400);
            assertThat(refused.text("type")).isEqualTo("invalid_data");
            assertThat(refused.text("code")).isEqualTo("otp_invalid");
        }
        assertThat(api.verifyOtp(token, code).status()).isEqualTo(200);
    }

    @Test
    void aTokenForAnotherPurposeIsRefusedEvenWhenCorrectlySigned() {
        String email = StoreApi.newEmail();
        String token = api.signUpWithEmail(email).body().path("verification").path("token").asString();
        String code = mailbox.lastCode(email);

        // Signed with the real key: only the stored record's purpose can tell these apart.
        for (String purpose : new String[] {"phone_verification", "contact_change", "account_deletion_request"}) {
            Response refused = api.verifyOtp(ForgedTokens.resigned(token, Map.of("purpose", purpose)), code);
            assertThat(refused.status()).as(purpose).isEqualTo(400);
            assertThat(refused.text("code")).isEqualTo("otp_invalid");
        }
        Response verified = api.verifyOtp(token, code);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("email_verified").asBoolean()).isTrue();
    }

    @Test
    void aResendInsideTheThrottleIsRefusedWithRetryAfterAndTheTokenOfTheCodeAlreadySent() {
        String email = StoreApi.newEmail();
        Response signUp = api.signUpWithEmail(email);
        String customerId = signUp.body().path("customer").path("id").asString();

        Response throttled = api.sendOtp(customerId, "email_verification");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.text("type")).isEqualTo("too_many_requests");
        assertThat(throttled.text("code")).isEqualTo("otp_throttled");
        assertThat(throttled.text("message")).isNotEmpty();
        assertThat(Integer.parseInt(throttled.header("Retry-After").orElseThrow())).isBetween(55, 60);
        assertThat(throttled.text("expires_at")).isEqualTo(signUp.body().path("verification").path("expires_at").asString());
        assertThat(claims(throttled.text("token")).path("otp_id").asString())
                .isEqualTo(claims(signUp.body().path("verification").path("token").asString()).path("otp_id").asString());

        clock.advance(Duration.ofSeconds(30));
        int retryAfter = Integer.parseInt(api.sendOtp(customerId, "email_verification").header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(25, 30);

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(api.sendOtp(customerId, "email_verification").status()).isEqualTo(200);
        mailbox.awaitMessage(email, 2);
        assertThat(mailbox.messagesFor(email)).hasSize(2);
    }

    @Test
    void sendingForAnAlreadyVerifiedEmailIsAConflictEvenInsideTheThrottle() {
        String email = StoreApi.newEmail();
        Response signUp = api.signUpWithEmail(email);
        api.verifyOtp(signUp.body().path("verification").path("token").asString(), mailbox.lastCode(email));

        Response again = api.sendOtp(signUp.body().path("customer").path("id").asString(), "email_verification");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).isEqualTo("conflict");
        assertThat(again.text("code")).isEqualTo("already_verified");
    }

    @Test
    void sendingForAnUnknownCustomerIsNotFound() {
        Response unknown = api.sendOtp("cus_01JUNKNOWN0000000000000000", "email_verification");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("type")).isEqualTo("not_found");
    }

    @Test
    void sendAndVerifyRefuseMalformedBodies() {
        String customerId = api.signUpWithEmail(StoreApi.newEmail()).body().path("customer").path("id").asString();

        Response type = api.sendOtp(customerId, "password_reset");
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.text("type")).isEqualTo("invalid_data");
        assertThat(type.text("message")).isEqualTo("Invalid request: Expected: 'email_verification, phone_verification' "
                + "for field 'type', but got: 'password_reset'");
        assertThat(api.post("/store/customers/otp/send", body("type", "email_verification"), null).text("message"))
                .isEqualTo("Invalid request: Field 'customer_id' is required");
        assertThat(api.post("/store/customers/otp/send", body("customer_id", customerId, "type", "email_verification",
                "email", "x@example.com"), null).text("message")).isEqualTo("Invalid request: Unrecognized fields: 'email'");
        assertThat(api.post("/store/customers/otp/verify", body("token", "t"), null).text("message"))
                .isEqualTo("Invalid request: Field 'code' is required");
        assertThat(api.post("/store/customers/otp/verify", body("token", "t", "code", 123456), null).text("message"))
                .isEqualTo("Invalid request: Expected type: 'string' for field 'code', got: '123456'");

        Response noPhone = api.sendOtp(customerId, "phone_verification");
        assertThat(noPhone.status()).isEqualTo(400);
        assertThat(noPhone.text("type")).isEqualTo("invalid_data");
    }

    private String login(String email) {
        Response signUp = api.signUpWithEmail(email);
        return api.verifyOtp(signUp.body().path("verification").path("token").asString(), mailbox.lastCode(email))
                .text("token");
    }

    static JsonNode claims(String jwt) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
