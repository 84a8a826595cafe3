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

/** {@code registration.identifier = both}: email and phone required; either logs in with the one password. */
@NoVerificationHttpTest
@TestPropertySource(properties = "customer-registration.registration.identifier=both")
class BothIdentifiersHttpTests {

    @Autowired
    StoreApi api;

    @Test
    void bothIdentifiersLogInWithTheOnePasswordAfterAnEmailSignUp() {
        String email = StoreApi.newEmail();
        String phone = StoreApi.newPhone();
        String token = api.registerEmail(email, PASSWORD).text("token");
        Response created = api.createCustomer(token, body("email", email, "phone", phone));
        assertThat(created.status()).isEqualTo(200);

        Response byEmail = api.loginEmail(email, PASSWORD);
        Response byPhone = api.loginPhone(phone, PASSWORD);
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byPhone.status()).isEqualTo(200);
        assertThat(StoreApi.claims(byPhone.text("token")).path("actor_id").asString())
                .isEqualTo(created.body().path("customer").path("id").asString());
        assertThat(api.loginPhone(phone, "wrong-password-1").status()).isEqualTo(401);
    }

    @Test
    void aPhoneSignUpWorksTooAndBothFieldsAreRequired() {
        String email = StoreApi.newEmail();
        String phone = StoreApi.newPhone();
        String token = api.registerPhone(phone, PASSWORD).text("token");
        assertThat(api.createCustomer(token, body("phone", phone)).text("message"))
                .isEqualTo("Invalid request: Field 'email' is required");
        assertThat(api.createCustomer(token, body("email", email, "phone", phone)).status()).isEqualTo(200);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aPhoneAlreadyUsedByAnotherCustomerIsADuplicateAndNothingIsCreated() {
        String phone = StoreApi.newPhone();
        String email1 = StoreApi.newEmail();
        String t1 = api.registerEmail(email1, PASSWORD).text("token");
        assertThat(api.createCustomer(t1, body("email", email1, "phone", phone)).status()).isEqualTo(200);

        String email2 = StoreApi.newEmail();
        String t2 = api.registerEmail(email2, PASSWORD).text("token");
        Response taken = api.createCustomer(t2, body("email", email2, "phone", phone));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.text("type")).isEqualTo("duplicate_error");
        // nothing half-done: the same token can still create the customer with a free phone
        assertThat(api.createCustomer(t2, body("email", email2, "phone", StoreApi.newPhone())).status()).isEqualTo(200);
    }
}
