package registration.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.support.NoVerificationHttpTest;
import registration.support.OutboxWatch;
import registration.support.SmsInbox;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;

/**
 * SMS toll-fraud control: with {@code phone.sms-regions=US,CA} no code is texted elsewhere, and the routes
 * that must not reveal accounts refuse a foreign number alike whether it is registered or not.
 */
@NoVerificationHttpTest
@TestPropertySource(properties = "customer-registration.phone.sms-regions=us, CA")
class SmsRegionsHttpTests {

    @Autowired
    OutboxWatch outbox;

    static final String UK_MOBILE = "+447400123";

    @Autowired
    StoreApi api;
    @Autowired
    SmsInbox sms;
    @Autowired
    JdbcClient jdbc;

    /** A customer (email login) with a UK mobile number; numbers are made unique by their last digits. */
    private String[] customerWithUkPhone() {
        String email = StoreApi.newEmail();
        String phone = UK_MOBILE + StoreApi.newPhone().substring(9);
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String id = api.createCustomer(registration, body("email", email, "phone", phone)).body().path("customer").path("id").asString();
        return new String[] {id, phone, email};
    }

    @Test
    void noVerificationCodeIsTextedOutsideTheAllowedRegions() throws Exception {
        String[] customer = customerWithUkPhone();

        Response refused = api.sendOtp(customer[0], "phone_verification");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).isEqualTo("invalid_data");
        assertThat(refused.text("code")).isEqualTo("sms_region_not_allowed");
        assertThat(refused.text("message")).isEqualTo("Codes cannot be sent by SMS to this phone number's country");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM otp_code WHERE customer_id = :c").param("c", customer[0])
                .query(Integer.class).single()).as("nothing stored").isZero();
        outbox.awaitNothingDueFor(customer[1]);
        assertThat(sms.messagesFor(customer[1])).isEmpty();
    }

    @Test
    void resetAndDeletionCancelRefuseAForeignNumberAlikeWhetherItIsRegisteredOrNot() {
        String known = customerWithUkPhone()[1];
        String unknown = UK_MOBILE + StoreApi.newPhone().substring(9);

        Response knownReset = api.requestPhoneReset(known);
        Response unknownReset = api.requestPhoneReset(unknown);
        Response knownCancel = api.requestDeletionCancel(body("phone", known));
        Response unknownCancel = api.requestDeletionCancel(body("phone", unknown));

        assertThat(knownReset.status()).isEqualTo(400);
        assertThat(knownReset.body()).isEqualTo(unknownReset.body());
        assertThat(knownCancel.status()).isEqualTo(400);
        assertThat(knownCancel.body()).isEqualTo(unknownCancel.body()).isEqualTo(knownReset.body());
    }

    @Test
    void numbersOfAnAllowedRegionGetTheirCode() {
        String email = StoreApi.newEmail();
        String phone = StoreApi.newPhone();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String id = api.createCustomer(registration, body("email", email, "phone", phone)).body().path("customer").path("id").asString();

        assertThat(api.sendOtp(id, "phone_verification").status()).isEqualTo(200);
        assertThat(sms.awaitMessage(phone, 1).message()).containsPattern("\\d{6}");
    }
}
