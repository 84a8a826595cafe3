package registration.contact;

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

/**
 * Contact change in {@code both} mode, where email and phone are both logins (emailpass and phonepass with
 * one password): the login keyed by the changed field moves with it, the other stays.
 */
@NoVerificationHttpTest
@TestPropertySource(properties = "customer-registration.registration.identifier=both")
class BothLoginsContactChangeHttpTests {

    @Autowired
    OutboxWatch outbox;

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    SmsInbox sms;

    @Test
    void changingThePhoneMovesThePhoneLoginAndKeepsTheEmailLogin() {
        String email = StoreApi.newEmail();
        String oldPhone = StoreApi.newPhone();
        String newPhone = StoreApi.newPhone();
        signUp(email, oldPhone);
        String login = api.loginPhone(oldPhone, PASSWORD).text("token");

        Response requested = api.requestContactChange(login, body("phone", newPhone));
        assertThat(requested.status()).isEqualTo(200);
        assertThat(sms.awaitMessage(newPhone, 1).purpose()).isEqualTo("contact_change");
        Response verified = api.verifyContactChange(login, requested.text("token"), sms.lastCode(newPhone));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("customer").path("phone").asString()).isEqualTo(newPhone);
        assertThat(api.me(verified.text("token")).status()).isEqualTo(200);
        assertThat(StoreApi.claims(verified.text("token")).path("auth_provider").asString()).isEqualTo("phonepass");
        assertThat(api.loginPhone(oldPhone, PASSWORD).status()).isEqualTo(401);
        assertThat(api.loginPhone(newPhone, PASSWORD).status()).isEqualTo(200);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
        assertThat(sms.awaitMessage(oldPhone, 1).purpose()).isEqualTo("contact_changed_notice");
    }

    @Test
    void changingTheEmailMovesTheEmailLoginAndKeepsThePhoneLogin() {
        String oldEmail = StoreApi.newEmail();
        String newEmail = StoreApi.newEmail();
        String phone = StoreApi.newPhone();
        signUp(oldEmail, phone);
        String login = api.loginPhone(phone, PASSWORD).text("token");

        Response requested = api.requestContactChange(login, body("email", newEmail));
        Response verified = api.verifyContactChange(login, requested.text("token"), mailbox.lastCode(newEmail));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(api.loginEmail(oldEmail, PASSWORD).status()).isEqualTo(401);
        assertThat(api.loginEmail(newEmail, PASSWORD).status()).isEqualTo(200);
        assertThat(api.loginPhone(phone, PASSWORD).status()).isEqualTo(200);
        mailbox.awaitMessage(oldEmail, 1);
    }

    @Test
    void refusesAPhoneThatAnotherLoginHoldsWhenRequested() {
        String takenPhone = StoreApi.newPhone();
        assertThat(api.registerPhone(takenPhone, "another-password").status()).isEqualTo(200); // no customer yet
        String phone = StoreApi.newPhone();
        signUp(StoreApi.newEmail(), phone);
        String login = api.loginPhone(phone, PASSWORD).text("token");

        Response refused = api.requestContactChange(login, body("phone", takenPhone));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("duplicate_error");
        outbox.awaitNothingDueFor(takenPhone);
        assertThat(sms.messagesFor(takenPhone)).isEmpty();
    }

    private void signUp(String email, String phone) {
        String registration = api.registerEmail(email, PASSWORD).text("token");
        assertThat(api.createCustomer(registration, body("email", email, "phone", phone)).status()).isEqualTo(200);
    }
}
