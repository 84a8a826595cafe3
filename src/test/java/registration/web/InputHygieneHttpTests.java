package registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;

/**
 * SPEC 10 "Input": control characters, lone surrogates and line breaks are refused in every string of every
 * body (400 {@code invalid_data}, nothing stored); emails are RFC 5321 dot-atoms of at most 254 characters.
 * Bodies are written as raw JSON so that the escapes reach the server exactly as an attacker sends them.
 */
@NoVerificationHttpTest
class InputHygieneHttpTests {

    @Autowired
    StoreApi api;

    @Test
    void anEmailWithANulByteIsRefusedAndNothingIsStored() {
        String email = StoreApi.newEmail();

        Response refused = api.post("/auth/customer/emailpass/register",
                "{\"email\":\"" + email + "\\u0000\",\"password\":\"" + PASSWORD + "\"}", null);

        assertInvalid(refused, "email");
        // had the address been stored (trimmed of its NUL), this sign-up with another password would be a 401
        assertThat(api.registerEmail(email, "another-password-1").status()).isEqualTo(200);
    }

    @Test
    void anEmailWithALoneSurrogateIsRefused() {
        String email = StoreApi.newEmail();

        assertInvalid(api.post("/auth/customer/emailpass/register",
                "{\"email\":\"\\ud800" + email + "\",\"password\":\"" + PASSWORD + "\"}", null), "email");
        assertInvalid(api.post("/auth/customer/emailpass",
                "{\"email\":\"" + email + "\\udc00\",\"password\":\"" + PASSWORD + "\"}", null), "email");
    }

    @Test
    void aLoneSurrogateOrControlCharacterInANameIsRefusedAndTheCustomerIsNotCreated() {
        String email = StoreApi.newEmail();
        String token = api.registerEmail(email, PASSWORD).text("token");

        assertInvalid(api.post("/store/customers", "{\"email\":\"" + email + "\",\"first_name\":\"Ada\\ud83d\"}", token),
                "first_name");
        assertInvalid(api.post("/store/customers", "{\"email\":\"" + email + "\",\"last_name\":\"Love\\u001blace\"}", token),
                "last_name");

        Response created = api.createCustomer(token, body("email", email, "first_name", "Ada \uD83D\uDE00"));
        assertThat(created.status()).as("nothing was stored; a well-formed emoji is fine").isEqualTo(200);
        assertThat(created.body().path("customer").path("first_name").asString()).isEqualTo("Ada \uD83D\uDE00");
    }

    @Test
    void namesRefuseLineBreaksSoTheyCannotAddLinesToAMessage() {
        String email = StoreApi.newEmail();
        String token = api.registerEmail(email, PASSWORD).text("token");
        assertInvalid(api.post("/store/customers",
                "{\"email\":\"" + email + "\",\"company_name\":\"Shop\\r\\nBcc: victim@example.com\"}", token), "company_name");
        assertThat(api.createCustomer(token, body("email", email)).status()).isEqualTo(200);
        String login = api.loginEmail(email, PASSWORD).text("token");

        assertInvalid(api.call("PATCH", "/store/customers/me", "{\"first_name\":\"Ada\\nCall +1 555 0100\"}", login,
                java.util.Map.of()), "first_name");
        assertInvalid(api.call("PATCH", "/store/customers/me", "{\"last_name\":\"Love\\u2028lace\"}", login,
                java.util.Map.of()), "last_name");
        assertThat(api.me(login).body().path("customer").path("first_name").isNull()).as("unchanged").isTrue();
    }

    @Test
    void metadataRefusesNulAndControlsAtAnyDepthButKeepsLineBreaksInValues() {
        String email = StoreApi.newEmail();
        String token = api.registerEmail(email, PASSWORD).text("token");

        assertInvalid(api.post("/store/customers",
                "{\"email\":\"" + email + "\",\"metadata\":{\"gift\":{\"notes\":[\"ok\",\"bad\\u0000\"]}}}", token),
                "metadata.gift.notes");
        assertInvalid(api.post("/store/customers",
                "{\"email\":\"" + email + "\",\"metadata\":{\"a\\nb\":\"x\"}}", token), "metadata");

        Response created = api.post("/store/customers",
                "{\"email\":\"" + email + "\",\"metadata\":{\"gift_note\":\"Happy birthday,\\nAda\\tx\"}}", token);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().path("customer").path("metadata").path("gift_note").asString())
                .isEqualTo("Happy birthday,\nAda\tx");
    }

    @Test
    void everyRouteIsCoveredNotOnlyTheCustomerOnes() {
        assertInvalid(api.post("/auth/customer/emailpass/reset-password", "{\"identifier\":\"a\\u0007@example.com\"}", null),
                "identifier");
        assertInvalid(api.post("/store/customers/otp/verify", "{\"token\":\"x\\u0000\",\"code\":\"123456\"}", null), "token");
        assertInvalid(api.post("/store/customers/account-deletion/cancel-request", "{\"email\":\"\\u0085a@example.com\"}",
                null), "email");
    }

    @Test
    void emailsMustBeDotAtomsOfAtMost254Characters() {
        String[] refused = {
                "\"john doe\"@example.com", "\"x\"@example.com", "x\"y@example.com", "a,b@example.com",
                "<a@example.com>", "a@example.com>", "Ada <a@example.com>", "a b@example.com", "a@exa mple.com",
                ".a@example.com", "a.@example.com", "a..b@example.com", "a@example", "a@-example.com",
                "a@example..com", "a@[127.0.0.1]", "a(comment)@example.com", "a@b@example.com", "a\\\\b@example.com",
                "x".repeat(65) + "@example.com", "a@" + "b".repeat(64) + ".com",
                "a@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + "." + "e".repeat(58) + ".com"};
        for (String email : refused) {
            Response answer = api.post("/auth/customer/emailpass/register",
                    "{\"email\":\"" + email.replace("\"", "\\\"") + "\",\"password\":\"" + PASSWORD + "\"}", null);
            assertThat(answer.status()).as(email).isEqualTo(400);
            assertThat(answer.text("type")).as(email).isEqualTo("invalid_data");
        }
        String longest = "x".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(longest).hasSize(254);
        for (String email : new String[] {"o'brien+shop@example.com", "a.b-c_d!#$%&*/=?^`{|}~@sub.xn--bcher-kva.example",
                longest}) {
            assertThat(api.registerEmail(email, PASSWORD).status()).as(email).isEqualTo(200);
        }
    }

    private static void assertInvalid(Response answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.text("type")).isEqualTo("invalid_data");
        assertThat(answer.text("message")).contains("'" + field);
    }
}
