package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.SmsInbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;

/**
 * Phone verification by SMS in phone mode ({@code registration.identifier = phone}, verification required),
 * with fictional numbers ({@code phone.validation = possible}), and the cumulative wrong-code cap switched off
 * ({@code otp.max-failed-attempts-per-day = 0}). Codes are read from the real SMS webhook.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.identifier=phone",
        "customer-registration.phone.validation=possible", "customer-registration.otp.max-failed-attempts-per-day=0"})
class PhoneVerificationHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    SmsInbox sms;
    @Autowired
    TestClock clock;

    /** A fictional US number (555 area code): possible, not valid. */
    static String fictionalPhone() {
        return "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
    }

    @Test
    void signUpTextsTheCodeThatVerifiesThePhoneAndLogsTheCustomerIn() {
        String phone = fictionalPhone();
        Response signUp = api.signUpWithPhone(phone);
        assertThat(signUp.status()).isEqualTo(200);
        JsonNode verification = signUp.body().path("verification");
        assertThat(verification.path("type").asString()).isEqualTo("phone_verification");
        assertThat(api.loginPhone(phone, PASSWORD).text("code")).isEqualTo("verification_required");

        SmsInbox.Sms message = sms.awaitMessage(phone, 1);
        assertThat(message.purpose()).isEqualTo("phone_verification");
        Response verified = api.verifyOtp(verification.path("token").asString(), sms.lastCode(phone));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("phone_verified").asBoolean()).isTrue();
        assertThat(verified.body().has("email_verified")).isFalse();
        assertThat(verified.body().path("needs_login").asBoolean()).isFalse();
        assertThat(verified.body().path("customer").path("phone_verified").asBoolean()).isTrue();
        assertThat(verified.body().path("customer").path("email_verified").asBoolean()).isFalse();
        assertThat(EmailVerificationHttpTests.claims(verified.text("token")).path("auth_provider").asString())
                .isEqualTo("phonepass");
        assertThat(api.me(verified.text("token")).status()).isEqualTo(200);
        assertThat(api.loginPhone(phone, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aWrongSmsCodeIsRefusedAndTheRightOneWorks() {
        String phone = fictionalPhone();
        String token = api.signUpWithPhone(phone).body().path("verification").path("token").asString();
        String code = sms.lastCode(phone);

        assertThat(api.verifyOtp(token, ForgedTokens.wrong(code)).text("code")).isEqualTo("otp_wrong_code");
        assertThat(api.verifyOtp(token, code).status()).isEqualTo(200);
        assertThat(api.verifyOtp(token, code).text("code")).isEqualTo("otp_invalid");
    }

    @Test
    void aPhoneResendInsideTheThrottleIsRefusedWithRetryAfter() {
        String phone = fictionalPhone();
        String customerId = api.signUpWithPhone(phone).body().path("customer").path("id").asString();

        Response throttled = api.sendOtp(customerId, "phone_verification");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.text("type")).isEqualTo("too_many_requests");
        assertThat(throttled.header("Retry-After")).isPresent();
    }

    @Test
    void emailVerificationOfAPhoneOnlyCustomerIsRefused() {
        String customerId = api.signUpWithPhone(fictionalPhone()).body().path("customer").path("id").asString();

        Response refused = api.sendOtp(customerId, "email_verification");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).isEqualTo("invalid_data");
    }

    @Test
    void withTheCapSwitchedOffElevenWrongCodesAcrossThreeSendsLockNothing() {
        String phone = fictionalPhone();
        Response signUp = api.signUpWithPhone(phone);
        String customerId = signUp.body().path("customer").path("id").asString();
        String token = signUp.body().path("verification").path("token").asString();
        String code = sms.code(phone, 1);
        int[] wrongPerCode = {4, 4, 3};
        for (int send = 0; send < 3; send++) {
            if (send > 0) {
                clock.advance(Duration.ofSeconds(61));
                token = api.sendOtp(customerId, "phone_verification").text("token");
                code = sms.code(phone, send + 1);
            }
            for (int i = 0; i < wrongPerCode[send]; i++) {
                assertThat(api.verifyOtp(token, ForgedTokens.wrong(code)).text("code")).isEqualTo("otp_wrong_code");
            }
        }
        assertThat(api.verifyOtp(token, code).status()).isEqualTo(200);
    }
}
