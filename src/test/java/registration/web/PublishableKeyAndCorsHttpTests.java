package registration.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;

/** {@code store.publishable-keys} answered exactly as Medusa does, and CORS for the configured storefront. */
@NoVerificationHttpTest
@TestPropertySource(properties = {
        "customer-registration.store.publishable-keys=pk_live_1,pk_live_2",
        "customer-registration.store.cors=https://shop.example.com"})
class PublishableKeyAndCorsHttpTests {

    @Autowired
    StoreApi api;

    @Test
    void storeRoutesNeedAKnownPublishableKey() {
        Response missing = api.get("/store/customers/me", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("type")).isEqualTo("not_allowed");
        assertThat(missing.text("message")).startsWith("Publishable API key required in the request header: x-publishable-api-key.");

        Response wrong = api.call("GET", "/store/customers/me", null, null, Map.of("x-publishable-api-key", "pk_other"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("message")).isEqualTo("A valid publishable key is required to proceed with the request");

        Response known = api.call("GET", "/store/customers/me", null, null, Map.of("x-publishable-api-key", "pk_live_2"));
        assertThat(known.status()).isEqualTo(401); // past the key check, stopped by the missing JWT
    }

    @Test
    void aStoreRouteSpelledAnotherWayStillNeedsTheKey() {
        // The attack: the filter read the raw URI, while the dispatcher routes decoded, parameter-free paths.
        String customer = api.loginEmail(signedUpEmail(), StoreApi.PASSWORD).text("token");
        assertThat(api.call("GET", "/store/customers/me", null, customer, Map.of("x-publishable-api-key", "pk_live_1"))
                .status()).as("the route itself works with the key").isEqualTo(200);

        for (String path : new String[] {"/%73tore/customers/me", "/store;x=1/customers/me", "//store/customers/me",
                "/store//customers/me", "/STORE/customers/me", "/Store/customers/me", "/x/../store/customers/me",
                "/store/./customers/me", "/store/customers/me;jsessionid=1", "/store/customers/me/"}) {
            Response answer = api.call("GET", path, null, customer, Map.of());
            assertThat(answer.status()).as(path + " " + answer).isIn(400, 404);
            assertThat(answer.body().path("customer").isMissingNode()).as(path + " reveals no customer").isTrue();
            if (answer.status() == 400) {
                assertThat(answer.text("type")).as(path).isEqualTo("not_allowed");
            }
        }
        Response encoded = api.call("GET", "/%73tore/customers/me", null, customer, Map.of());
        assertThat(encoded.text("message")).startsWith("Publishable API key required");
    }

    private String signedUpEmail() {
        String email = StoreApi.newEmail();
        String token = api.registerEmail(email, StoreApi.PASSWORD).text("token");
        api.call("POST", "/store/customers", StoreApi.body("email", email), token, Map.of("x-publishable-api-key", "pk_live_1"));
        return email;
    }

    @Test
    void authRoutesDoNotNeedTheKey() {
        assertThat(api.loginEmail(StoreApi.newEmail(), StoreApi.PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void answersCorsPreflightForTheConfiguredOriginOnly() {
        Response allowed = api.call("OPTIONS", "/store/customers/me", null, null, Map.of("Origin", "https://shop.example.com",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization,x-publishable-api-key"));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).contains("https://shop.example.com");

        Response other = api.call("OPTIONS", "/store/customers/me", null, null, Map.of("Origin", "https://evil.example.com",
                "Access-Control-Request-Method", "GET"));
        assertThat(other.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.text("type")).isEqualTo("not_allowed");
    }
}
