package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.SmsInbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/**
 * {@code registration.identifier = both} with {@code login.identifier = email}: the code sent on registration
 * is the email one even for a customer who signed up by phone (the only login accepted), and verifying the
 * phone, which is no login, sets the flag without a token ({@code needs_login: true}).
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.identifier=both",
        "customer-registration.login.identifier=email", "customer-registration.phone.validation=possible"})
class BothIdentifiersVerificationHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    SmsInbox sms;

    @Test
    void theRegistrationCodeGoesToTheLoginIdentifierAndThePhoneVerifiesWithoutLogin() {
        String email = StoreApi.newEmail();
        String phone = PhoneVerificationHttpTests.fictionalPhone();
        String registration = api.registerPhone(phone, PASSWORD).text("token");
        Response signUp = api.createCustomer(registration, body("email", email, "phone", phone));
        assertThat(signUp.status()).isEqualTo(200);
        assertThat(signUp.body().path("verification").path("type").asString()).isEqualTo("email_verification");
        String customerId = signUp.body().path("customer").path("id").asString();

        Response byEmail = api.verifyOtp(signUp.body().path("verification").path("token").asString(), mailbox.lastCode(email));
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byEmail.body().path("needs_login").asBoolean()).isFalse();
        assertThat(EmailVerificationHttpTests.claims(byEmail.text("token")).path("auth_provider").asString())
                .isEqualTo("emailpass");

        Response sent = api.sendOtp(customerId, "phone_verification");
        assertThat(sent.status()).isEqualTo(200);
        Response byPhone = api.verifyOtp(sent.text("token"), sms.lastCode(phone));
        assertThat(byPhone.status()).isEqualTo(200);
        assertThat(byPhone.body().path("verified").asBoolean()).isTrue();
        assertThat(byPhone.body().path("phone_verified").asBoolean()).isTrue();
        assertThat(byPhone.body().path("needs_login").asBoolean()).isTrue();
        assertThat(byPhone.body().has("token")).isFalse();
        assertThat(byPhone.body().path("customer").path("email_verified").asBoolean()).isTrue();
        assertThat(byPhone.body().path("customer").path("phone_verified").asBoolean()).isTrue();
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
    }
}
