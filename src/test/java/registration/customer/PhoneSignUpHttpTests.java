package registration.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;

/** {@code registration.identifier = phone}: sign-up and login by phone (phonepass), no email needed. */
@NoVerificationHttpTest
@TestPropertySource(properties = "customer-registration.registration.identifier=phone")
class PhoneSignUpHttpTests {

    @Autowired
    StoreApi api;

    @Test
    void registersByPhoneCreatesTheCustomerAndLogsInWithANationalFormatTypedByTheUser() {
        String phone = StoreApi.newPhone();
        Response registered = api.registerPhone(phone, PASSWORD);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(StoreApi.claims(registered.text("token")).path("auth_provider").asString()).isEqualTo("phonepass");

        Response created = api.createCustomer(registered.text("token"), body("phone", phone, "first_name", "Grace"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().path("customer").path("phone").asString()).isEqualTo(phone);
        assertThat(created.body().path("customer").path("email").isNull()).isTrue();

        String spaced = phone.substring(0, 2) + " (" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8);
        Response login = api.loginPhone(spaced, PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(api.me(login.text("token")).body().path("customer").path("first_name").asString()).isEqualTo("Grace");
    }

    @Test
    void refusesANumberWithoutCountryCodeWhenNoDefaultRegionIsConfigured() {
        Response r = api.registerPhone("4155552671", PASSWORD);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("type")).isEqualTo("invalid_data");
        assertThat(r.text("message")).contains("phone");
        assertThat(api.registerPhone("+1 415 not a number", PASSWORD).status()).isEqualTo(400);
    }

    @Test
    void aDuplicatePhoneRegistrationIsRefusedLikeMedusa() {
        String phone = StoreApi.newPhone();
        String token = api.registerPhone(phone, PASSWORD).text("token");
        api.createCustomer(token, body("phone", phone));

        Response again = api.registerPhone(phone, PASSWORD);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.text("type")).isEqualTo("unauthorized");
        assertThat(again.text("message")).isEqualTo("Identity with phone already exists");
    }

    @Test
    void emailSignUpAndLoginAreNotEnabledInPhoneMode() {
        Response r = api.registerEmail(StoreApi.newEmail(), PASSWORD);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("type")).isEqualTo("not_allowed");
        assertThat(api.loginEmail(StoreApi.newEmail(), PASSWORD).text("type")).isEqualTo("not_allowed");
    }

    @Test
    void theCustomerNeedsThePhoneItRegisteredWith() {
        String phone = StoreApi.newPhone();
        String token = api.registerPhone(phone, PASSWORD).text("token");
        assertThat(api.createCustomer(token, body("first_name", "Grace")).text("message"))
                .isEqualTo("Invalid request: Field 'phone' is required");
        assertThat(api.createCustomer(token, body("phone", StoreApi.newPhone())).status()).isEqualTo(400);
    }
}
