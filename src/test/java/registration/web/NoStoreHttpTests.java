package registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;

/**
 * SPEC 10 "Responses": a token or a customer must never be kept by a browser, proxy or CDN cache (the next
 * user of a shared computer would read it from the back button or the cache). Every answer says
 * {@code Cache-Control: no-store}.
 */
@NoVerificationHttpTest
class NoStoreHttpTests {

    @Autowired
    StoreApi api;

    @Test
    void tokensAndCustomerDataAreNeverCached() {
        String email = StoreApi.newEmail();
        Response registered = api.registerEmail(email, PASSWORD);
        Response created = api.createCustomer(registered.text("token"), StoreApi.body("email", email));
        Response login = api.loginEmail(email, PASSWORD);
        Response me = api.me(login.text("token"));
        Response refreshed = api.refresh(login.text("token"));

        for (Response answer : new Response[] {registered, created, login, me, refreshed}) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.header("Cache-Control")).as(answer.toString()).contains("no-store");
        }
    }

    @Test
    void errorsAndUnknownRoutesSayNoStoreToo() {
        assertThat(api.loginEmail(StoreApi.newEmail(), PASSWORD).header("Cache-Control")).contains("no-store");
        assertThat(api.get("/store/customers/me", null).header("Cache-Control")).contains("no-store");
        assertThat(api.get("/no/such/route", null).header("Cache-Control")).contains("no-store");
    }
}
