package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.OutboxWatch;
import registration.support.SmsInbox;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;

/** QA identifiers with fixed codes: the code is the configured one, nothing is sent, the rules still hold. */
@NoVerificationHttpTest
@TestPropertySource(properties = "customer-registration.otp.test-codes=QA@Shop.Example:246810, +1 415 555 0006:135790")
class TestCodesHttpTests {

    @Autowired
    OutboxWatch outbox;

    static final String QA_EMAIL = "qa@shop.example";
    static final String QA_PHONE = "+14155550006";

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    SmsInbox sms;

    @Test
    void aTestIdentifierVerifiesWithItsFixedCodeAndIsSentNothing() throws Exception {
        String registration = api.registerEmail(QA_EMAIL, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", QA_EMAIL, "phone", QA_PHONE))
                .body().path("customer").path("id").asString();

        Response email = api.sendOtp(customerId, "email_verification");
        Response phone = api.sendOtp(customerId, "phone_verification");
        assertThat(api.verifyOtp(email.text("token"), "111111").text("code")).isEqualTo("otp_wrong_code");
        Response emailVerified = api.verifyOtp(email.text("token"), "246810");
        Response phoneVerified = api.verifyOtp(phone.text("token"), "135790");

        assertThat(emailVerified.status()).isEqualTo(200);
        assertThat(emailVerified.body().path("customer").path("email_verified").asBoolean()).isTrue();
        assertThat(phoneVerified.status()).isEqualTo(200);
        assertThat(phoneVerified.body().path("customer").path("phone_verified").asBoolean()).isTrue();
        assertThat(api.verifyOtp(email.text("token"), "246810").text("code")).as("single use").isEqualTo("otp_invalid");
        outbox.awaitNothingDueFor(QA_EMAIL, QA_PHONE);
        assertThat(mailbox.messagesFor(QA_EMAIL)).isEmpty();
        assertThat(sms.messagesFor(QA_PHONE)).isEmpty();
    }

    @Test
    void everyoneElseGetsARandomCodeByMail() {
        String email = StoreApi.newEmail();
        String customerId = api.signUpWithEmail(email).body().path("customer").path("id").asString();
        Response sent = api.sendOtp(customerId, "email_verification");
        String code = mailbox.lastCode(email);
        assertThat(api.verifyOtp(sent.text("token"), code).status()).isEqualTo(200);
    }
}
