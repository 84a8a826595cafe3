package registration.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;
import static registration.support.StoreApi.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import registration.admin.TestAdmins;
import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import tools.jackson.databind.JsonNode;

/** Sign-up and sign-in by email in the default {@code registration.identifier = email} mode. */
@NoVerificationHttpTest
class EmailSignUpHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void registersCreatesCustomerLogsInAndReadsMe() {
        String email = StoreApi.newEmail();
        Response registered = api.registerEmail("  " + email.toUpperCase() + " ", PASSWORD);
        assertThat(registered.status()).isEqualTo(200);
        JsonNode registration = claims(registered.text("token"));
        assertThat(registration.path("actor_id").asString()).isEmpty();
        assertThat(registration.path("actor_type").asString()).isEqualTo("customer");
        assertThat(registration.path("auth_provider").asString()).isEqualTo("emailpass");

        Response created = api.createCustomer(registered.text("token"), body("email", email, "first_name", "Ada",
                "metadata", body("tier", "gold")));
        assertThat(created.status()).isEqualTo(200);
        JsonNode customer = created.body().path("customer");
        assertThat(customer.path("id").asString()).startsWith("cus_");
        assertThat(customer.path("email").asString()).isEqualTo(email);
        assertThat(customer.path("email_verified").asBoolean()).isFalse();
        assertThat(customer.path("phone_verified").asBoolean()).isFalse();
        assertThat(customer.path("addresses").isArray()).isTrue();
        assertThat(customer.path("metadata").path("tier").asString()).isEqualTo("gold");
        assertThat(customer.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        Response login = api.loginEmail(email.toUpperCase(), PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        JsonNode claims = claims(login.text("token"));
        assertThat(claims.path("actor_id").asString()).isEqualTo(customer.path("id").asString());
        assertThat(claims.path("app_metadata").path("customer_id").asString()).isEqualTo(customer.path("id").asString());
        assertThat(claims.path("auth_identity_id").asString()).startsWith("authid_");
        JsonNode header = tools.jackson.databind.json.JsonMapper.shared().readTree(
                java.util.Base64.getUrlDecoder().decode(login.text("token").split("\\.")[0]));
        assertThat(header.path("alg").asString()).isEqualTo("HS256");
        assertThat(header.path("typ").asString()).as("as Medusa's tokens").isEqualTo("JWT");

        Response me = api.me(login.text("token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("customer").path("first_name").asString()).isEqualTo("Ada");
    }

    @Test
    void refreshTurnsARegistrationTokenIntoACustomerTokenOnceTheCustomerExists() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", email)).body().path("customer").path("id").asString();

        Response refreshed = api.refresh(registration);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(claims(refreshed.text("token")).path("actor_id").asString()).isEqualTo(customerId);
        assertThat(api.me(refreshed.text("token")).status()).isEqualTo(200);
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownEmailAlike() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);

        Response wrong = api.loginEmail(email, "not-the-password");
        Response unknown = api.loginEmail(StoreApi.newEmail(), PASSWORD);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(wrong.text("type")).isEqualTo("unauthorized");
    }

    @Test
    void repeatingASignUpWithTheSamePasswordGivesAFreshTokenOtherwiseTheIdentityExists() {
        String email = StoreApi.newEmail();
        assertThat(api.registerEmail(email, PASSWORD).status()).isEqualTo(200);

        assertThat(api.registerEmail(email, PASSWORD).status()).isEqualTo(200);
        Response other = api.registerEmail(email, "another-password");
        assertThat(other.status()).isEqualTo(401);
        assertThat(other.text("message")).isEqualTo("Identity with email already exists");

        String token = api.registerEmail(email, PASSWORD).text("token");
        api.createCustomer(token, body("email", email));
        assertThat(api.registerEmail(email, PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void twentyParallelSignUpsOfOneEmailYieldExactlyOneIdentity() throws Exception {
        String email = StoreApi.newEmail();
        var pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String password = "password-number-" + i;
            calls.add(() -> api.registerEmail(email, password).status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(19);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provider_identity WHERE entity_id = :e").param("e", email)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void reusingARegistrationTokenOrALoginTokenToCreateACustomerIsRefusedLikeMedusa() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        api.createCustomer(registration, body("email", email));

        Response reused = api.createCustomer(registration, body("email", email));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("type")).isEqualTo("duplicate_error");
        assertThat(reused.text("code")).isEqualTo("invalid_request_error");
        assertThat(reused.text("message")).isEqualTo("Customer with this email already has an account");

        String login = api.loginEmail(email, PASSWORD).text("token");
        Response authenticated = api.createCustomer(login, body("email", email));
        assertThat(authenticated.status()).isEqualTo(400);
        assertThat(authenticated.text("type")).isEqualTo("invalid_data");
        assertThat(authenticated.text("message")).isEqualTo("Request already authenticated as a customer.");

        // A token that is no longer valid (logged out everywhere), or an admin's, is not "authenticated as a customer".
        assertThat(api.logOutEverywhere(login).status()).isEqualTo(200);
        assertThat(api.createCustomer(login, body("email", email)).status()).isEqualTo(401);
        Response admin = api.createCustomer(TestAdmins.loginToken(context, api), body("email", StoreApi.newEmail()));
        assertThat(admin.status()).isEqualTo(401);
        assertThat(admin.text("type")).isEqualTo("unauthorized");
    }

    @Test
    void theCustomerEmailMustBeTheRegisteredOneAndVerifiedFlagsCannotBeSet() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");

        Response other = api.createCustomer(registration, body("email", StoreApi.newEmail()));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.text("type")).isEqualTo("invalid_data");

        Response flagged = api.createCustomer(registration, body("email", email, "email_verified", true));
        assertThat(flagged.status()).isEqualTo(400);
        assertThat(flagged.text("message")).isEqualTo("Invalid request: Unrecognized fields: 'email_verified'");

        Response missing = api.createCustomer(registration, body("first_name", "Ada"));
        assertThat(missing.text("message")).isEqualTo("Invalid request: Field 'email' is required");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE email = :e").param("e", email).query(Integer.class).single())
                .isZero();
    }

    @Test
    void meUpdatesProfileFieldsButRefusesContactFields() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String token = api.loginEmail(email, PASSWORD).text("token");

        Response updated = api.call("PATCH", "/store/customers/me", body("last_name", "Lovelace"), token, java.util.Map.of());
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("customer").path("last_name").asString()).isEqualTo("Lovelace");
        assertThat(updated.body().path("customer").path("first_name").asString()).isEqualTo("Ada");

        // As in Medusa: null clears a field, an absent one stays; types and lengths are checked as on create.
        Response cleared = api.updateMe(token, body("first_name", null, "metadata", null));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().path("customer").path("first_name").isNull()).isTrue();
        assertThat(cleared.body().path("customer").path("metadata").isNull()).isTrue();
        assertThat(cleared.body().path("customer").path("last_name").asString()).isEqualTo("Lovelace");
        assertThat(api.updateMe(token, body("last_name", 5)).text("message"))
                .isEqualTo("Invalid request: Expected type: 'string' for field 'last_name', got: '5'");
        assertThat(api.updateMe(token, body("company_name", "x".repeat(256))).status()).isEqualTo(400);
        assertThat(api.me(token).body().path("customer").path("last_name").asString()).isEqualTo("Lovelace");

        Response phone = api.updateMe(token, body("phone", "+14155552671"));
        assertThat(phone.status()).isEqualTo(400);
        assertThat(phone.text("type")).isEqualTo("not_allowed");
        assertThat(phone.text("message")).isEqualTo("Phone changes require OTP verification. "
                + "Use POST /store/customers/me/contact to request a change.");
        Response mail = api.updateMe(token, body("email", StoreApi.newEmail()));
        assertThat(mail.text("message")).startsWith("Email changes require OTP verification.");
        assertThat(api.me(token).body().path("customer").path("email").asString()).isEqualTo(email);
    }

    @Test
    void logOutEverywhereRevokesEveryEarlierToken() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String first = api.loginEmail(email, PASSWORD).text("token");
        String second = api.loginEmail(email, PASSWORD).text("token");

        Response out = api.logOutEverywhere(first);
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.body().path("success").asBoolean()).isTrue();

        assertThat(api.me(first).status()).isEqualTo(401);
        assertThat(api.me(second).status()).isEqualTo(401);
        assertThat(api.me(api.loginEmail(email, PASSWORD).text("token")).status()).isEqualTo(200);
    }

    @Test
    void aTokenWhoseCustomerIsGoneIsRefusedOnEveryCustomerRoute() {
        String email = StoreApi.newEmail();
        String customerId = api.signUpWithEmail(email).customer().path("id").asString();
        String token = api.loginEmail(email, PASSWORD).text("token");
        // The identity stays, its customer does not: me reads both in one statement, the others one by one.
        jdbc.sql("UPDATE customer SET deleted_at = updated_at WHERE id = :id").param("id", customerId).update();

        assertThat(api.me(token).status()).isEqualTo(401);
        assertThat(api.me(token).text("type")).isEqualTo("unauthorized");
        assertThat(api.updateMe(token, body("first_name", "Eve")).status()).isEqualTo(401);
    }

    @Test
    void phoneSignUpIsRefusedInEmailMode() {
        Response r = api.registerPhone("+14155552671", PASSWORD);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("type")).isEqualTo("not_allowed");
        Response login = api.loginPhone("+14155552671", PASSWORD);
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.text("type")).isEqualTo("not_allowed");
    }

    @Test
    void enforcesThePasswordPolicy() {
        String email = StoreApi.newEmail();
        assertThat(api.registerEmail(email, "short").text("message"))
                .isEqualTo("Invalid request: Field 'password' must be between 8 and 128 characters");
        assertThat(api.registerEmail(email, email).status()).isEqualTo(400);
        assertThat(api.registerEmail(email, "x".repeat(129)).status()).isEqualTo(400);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(401);
    }
}
