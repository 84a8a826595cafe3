package registration.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.NoVerificationHttpTest;
import registration.support.SmsInbox;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;

/** A customer without an email (registration.identifier = phone) goes through the deletion steps by SMS. */
@NoVerificationHttpTest
@TestPropertySource(properties = "customer-registration.registration.identifier=phone")
class PhoneOnlyAccountDeletionHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    SmsInbox sms;

    @Test
    void aCustomerWithoutEmailGetsEveryDeletionMessageBySms() {
        String phone = StoreApi.newPhone();
        String registration = api.registerPhone(phone, PASSWORD).text("token");
        Response created = api.createCustomer(registration, body("phone", phone, "first_name", "Grace"));
        assertThat(created.status()).isEqualTo(200);
        String token = api.loginPhone(phone, PASSWORD).text("token");
        int before = sms.messagesFor(phone).size();

        Response requested = api.requestDeletion(token, body("reason", "No email here"));
        assertThat(requested.status()).isEqualTo(200);
        assertThat(sms.awaitMessage(phone, before + 1).purpose()).isEqualTo("account_deletion_request");
        Response confirmed = api.confirmDeletion(requested.text("token"), sms.code(phone, before + 1));
        assertThat(confirmed.status()).isEqualTo(200);
        String scheduledFor = confirmed.body().path("request").path("scheduled_for").asString();
        SmsInbox.Sms notice = sms.awaitMessage(phone, before + 2);
        assertThat(notice.purpose()).isEqualTo("account_deletion_scheduled_notice");
        assertThat(notice.message()).contains(scheduledFor);

        Response login = api.loginPhone(phone, PASSWORD);
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.text("code")).isEqualTo("account_deletion_scheduled");

        Response cancelRequested = api.requestDeletionCancel(body("phone", phone));
        assertThat(cancelRequested.status()).isEqualTo(200);
        SmsInbox.Sms cancelCode = sms.awaitMessage(phone, before + 3);
        assertThat(cancelCode.purpose()).isEqualTo("account_deletion_cancel");
        Response cancelled = api.confirmDeletionCancel(cancelRequested.text("token"), sms.code(phone, before + 3));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("request").path("status").asString()).isEqualTo("cancelled");
        assertThat(sms.awaitMessage(phone, before + 4).purpose()).isEqualTo("account_deletion_cancelled_notice");

        assertThat(api.loginPhone(phone, PASSWORD).status()).isEqualTo(200);
    }
}
