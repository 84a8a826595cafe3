package registration.export;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import tools.jackson.databind.JsonNode;

/** {@code GET /store/customers/me/export}: all the caller's data, and nobody else's. */
@NoVerificationHttpTest
@TestPropertySource(properties = {
        "customer-registration.registration.identifier=both",
        "customer-registration.login.identifier=both",
        "customer-registration.phone-verification.auto-send-on-registration=false"})
class CustomerExportHttpTests {

    @Autowired
    StoreApi api;

    @Test
    void exportsTheProfileTheLoginsAndTheDeletionRequestsWithoutSecrets() {
        String email = StoreApi.newEmail();
        String phone = StoreApi.newPhone();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", email, "phone", phone, "first_name", "Ada",
                "metadata", body("tier", "gold"))).body().path("customer").path("id").asString();
        String token = api.loginEmail(email, PASSWORD).text("token");
        assertThat(api.requestDeletion(token, body("reason", "Thinking about it")).status()).isEqualTo(200);
        String other = StoreApi.newEmail(); // someone else's data must not appear
        api.createCustomer(api.registerEmail(other, PASSWORD).text("token"), body("email", other, "phone", StoreApi.newPhone()));

        Response export = api.get("/store/customers/me/export", token);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Cache-Control")).hasValue("no-store");
        assertThat(export.header("Content-Disposition"))
                .hasValue("attachment; filename=\"customer-data-" + customerId + ".json\"");
        JsonNode data = export.body();
        assertThat(data.propertyNames()).containsExactly("exported_at", "customer", "logins", "account_deletion_requests");
        assertThat(data.path("customer").path("id").asString()).isEqualTo(customerId);
        assertThat(data.path("customer").path("first_name").asString()).isEqualTo("Ada");
        assertThat(data.path("customer").path("metadata").path("tier").asString()).isEqualTo("gold");
        assertThat(data.path("logins").toString()).isEqualTo(
                "[{\"provider\":\"emailpass\",\"identifier\":\"" + email + "\"},{\"provider\":\"phonepass\",\"identifier\":\"" + phone + "\"}]");
        JsonNode request = data.path("account_deletion_requests").get(0);
        assertThat(data.path("account_deletion_requests").size()).isEqualTo(1);
        assertThat(request.path("status").asString()).isEqualTo("pending");
        assertThat(request.path("reason").asString()).isEqualTo("Thinking about it");
        assertThat(export.raw().body()).doesNotContain(other).doesNotContainIgnoringCase("argon2")
                .doesNotContainIgnoringCase("password").doesNotContain("\"code");
    }

    @Test
    void onlyALiveCustomerLoginTokenMayExport() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        assertThat(api.get("/store/customers/me/export", null).status()).isEqualTo(401);
        assertThat(api.get("/store/customers/me/export", registration).status()).isEqualTo(401);
        api.createCustomer(registration, body("email", email, "phone", StoreApi.newPhone()));
        String token = api.loginEmail(email, PASSWORD).text("token");
        assertThat(api.logOutEverywhere(token).status()).isEqualTo(200);
        assertThat(api.get("/store/customers/me/export", token).status()).isEqualTo(401);
    }
}
