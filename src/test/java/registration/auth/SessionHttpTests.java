package registration.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK's session mode: {@code POST /auth/session} turns a bearer token into a cookie session that every customer
 * route takes, stored in the database, revoked with the credential version, ended alone by {@code DELETE
 * /auth/session} with its cookie, under the CSRF rule; and {@code GET /auth/{actor}/providers}.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.registration.identifier=both",
        "customer-registration.email-verification.auto-send-on-registration=false",
        "customer-registration.phone-verification.auto-send-on-registration=false",
        "customer-registration.rate-limit.trusted-proxies=127.0.0.1"})
class SessionHttpTests {

    private static final String COOKIE = "registration_session";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SessionPurge purge;
    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    record Signed(String email, String customerId, String token) {
    }

    @Test
    void aBearerTokenBecomesAnHttpOnlyLaxCookieThatTheCustomerRoutesTake() {
        Signed ada = signUp();

        Response started = api.call("POST", "/auth/session", null, ada.token(), Map.of());

        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.body().path("success").asBoolean()).isTrue();
        String setCookie = started.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).matches(COOKIE + "=[A-Za-z0-9_-]{43}; Path=/; Max-Age=86400; Expires=[^;]+; HttpOnly; SameSite=Lax");
        assertThat(setCookie).doesNotContain("Secure");
        String cookie = cookieOf(started);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM auth_session WHERE id = :id").param("id", AuthSessions.idOf(cookie.substring(COOKIE.length() + 1)))
                .query(Integer.class).single()).isEqualTo(1); // only its hash is stored

        Response me = withCookie("GET", "/store/customers/me", null, cookie, Map.of());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("customer").path("id").asString()).isEqualTo(ada.customerId());
        Response updated = withCookie("POST", "/store/customers/me", "{\"first_name\":\"Augusta\"}", cookie, json());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.body().path("customer").path("first_name").asString()).isEqualTo("Augusta");
        assertThat(withCookie("POST", "/store/customers/me/addresses", "{\"city\":\"London\"}", cookie, json()).status())
                .isEqualTo(200);
        assertThat(withCookie("GET", "/store/customers/me/addresses", null, cookie, Map.of()).body().path("count").asInt())
                .isEqualTo(1);
        Response refreshed = withCookie("POST", "/auth/token/refresh", null, cookie, json());
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(StoreApi.claims(refreshed.text("token")).path("actor_id").asString()).isEqualTo(ada.customerId());

        assertThat(withCookie("GET", "/store/customers/me", null, COOKIE + "=" + "A".repeat(43), Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    void theCookieIsSecureOverHttpsThroughATrustedProxy() {
        Signed ada = signUp();
        Response started = api.call("POST", "/auth/session", null, ada.token(), Map.of("X-Forwarded-Proto", "https"));
        assertThat(started.header("Set-Cookie").orElseThrow()).endsWith("; Secure; HttpOnly; SameSite=Lax");
        Response plain = api.call("POST", "/auth/session", null, ada.token(), Map.of("X-Forwarded-Proto", "http"));
        assertThat(plain.header("Set-Cookie").orElseThrow()).doesNotContain("Secure");
    }

    @Test
    void onlyALiveLoginTokenStartsASession() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        for (String token : new String[] {null, registration, "not-a-jwt"}) {
            Response refused = api.call("POST", "/auth/session", null, token, Map.of());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.text("type")).isEqualTo("unauthorized");
            assertThat(refused.header("Set-Cookie")).isEmpty();
        }
        Signed ada = signUp();
        String cookie = startSession(ada);
        // A cookie alone starts nothing: the SDK always sends the token it just got.
        assertThat(withCookie("POST", "/auth/session", null, cookie, json()).status()).isEqualTo(401);
    }

    @Test
    void deleteWithTheCookieEndsThatSessionOnly() {
        Signed ada = signUp();
        String first = startSession(ada);
        String second = startSession(ada);

        Response ended = withCookie("DELETE", "/auth/session", null, first, json());

        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(ended.body().path("success").asBoolean()).isTrue();
        assertThat(ended.header("Set-Cookie").orElseThrow()).startsWith(COOKIE + "=; Path=/; Max-Age=0;");
        assertThat(withCookie("GET", "/store/customers/me", null, first, Map.of()).status()).isEqualTo(401);
        assertThat(withCookie("GET", "/store/customers/me", null, second, Map.of()).status()).isEqualTo(200);
        assertThat(api.me(ada.token()).status()).isEqualTo(200);
        // Ending it again (the SDK's logout after the session is gone) needs the bearer token now.
        assertThat(withCookie("DELETE", "/auth/session", null, first, json()).status()).isEqualTo(401);
    }

    @Test
    void logOutEverywhereWithTheBearerTokenEndsEverySession() {
        Signed ada = signUp();
        String cookie = startSession(ada);
        assertThat(api.logOutEverywhere(ada.token()).status()).isEqualTo(200);
        assertThat(withCookie("GET", "/store/customers/me", null, cookie, Map.of()).status()).isEqualTo(401);
        assertThat(withCookie("POST", "/store/customers/me", "{\"first_name\":\"Eve\"}", cookie, json()).status()).isEqualTo(401);
    }

    @Test
    void aPasswordResetEndsEverySession() {
        Signed ada = signUp();
        String cookie = startSession(ada);
        assertThat(api.requestEmailReset(ada.email()).status()).isEqualTo(201);
        Response reset = api.resetEmailPassword(mailbox.linkToken(ada.email(), 1), "a-brand-new-password-9");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(withCookie("GET", "/store/customers/me", null, cookie, Map.of()).status()).isEqualTo(401);
        assertThat(withCookie("GET", "/store/customers/me/addresses", null, cookie, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aStateChangingCookieRequestNeedsTheSdksJsonContentTypeFromItsOwnSite() {
        Signed ada = signUp();
        String cookie = startSession(ada);

        for (Map<String, String> headers : java.util.List.of(Map.of("Content-Type", "text/plain"),
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                Map.of("Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"))) {
            Response refused = withCookie("POST", "/store/customers/me", "{\"first_name\":\"Eve\"}", cookie, headers);
            assertThat(refused.status()).as(headers.toString()).isEqualTo(403);
            assertThat(refused.text("type")).isEqualTo("not_allowed");
            assertThat(refused.text("code")).isEqualTo("csrf_check_failed");
        }
        Response noType = withCookie("DELETE", "/auth/session", null, cookie, Map.of());
        assertThat(noType.status()).isEqualTo(403);
        assertThat(noType.text("code")).isEqualTo("csrf_check_failed");
        Response noTypeAddress = withCookie("POST", "/store/customers/me/addresses", "{}", cookie, Map.of());
        assertThat(noTypeAddress.status()).isEqualTo(403);

        JsonNode me = withCookie("GET", "/store/customers/me", null, cookie, Map.of("Sec-Fetch-Site", "same-site")).body();
        assertThat(me.path("customer").path("first_name").asString()).isEqualTo("Ada"); // unchanged, session alive
        assertThat(me.path("customer").path("addresses").size()).isZero();
        assertThat(withCookie("POST", "/store/customers/me", "{\"first_name\":\"Augusta\"}", cookie,
                Map.of("Content-Type", "application/json; charset=utf-8", "Sec-Fetch-Site", "same-site")).status()).isEqualTo(200);
        // A bearer token is not a browser credential: no CSRF rule for it.
        assertThat(api.call("POST", "/store/customers/me", "{\"first_name\":\"Ada\"}", ada.token(), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aSessionEndsWithItsLifetime() {
        Signed ada = signUp();
        String cookie = startSession(ada);
        clock.advance(Duration.ofHours(23));
        assertThat(withCookie("GET", "/store/customers/me", null, cookie, Map.of()).status()).isEqualTo(200);
        String fresh = startSession(signUp());
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(withCookie("GET", "/store/customers/me", null, cookie, Map.of()).status()).isEqualTo(401);

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);
        assertThat(sessionRows(cookie)).as("the expired session is purged").isZero();
        assertThat(sessionRows(fresh)).as("a live one stays").isEqualTo(1);
        assertThat(withCookie("GET", "/store/customers/me", null, fresh, Map.of()).status()).isEqualTo(200);
    }

    private int sessionRows(String cookie) {
        return jdbc.sql("SELECT COUNT(*) FROM auth_session WHERE id = :id")
                .param("id", AuthSessions.idOf(cookie.substring(COOKIE.length() + 1))).query(Integer.class).single();
    }

    @Test
    void listsTheEnabledProvidersInMedusasShape() {
        Response customer = api.get("/auth/customer/providers", null);
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.raw().body()).isEqualTo("{\"providers\":["
                + "{\"id\":\"emailpass\",\"identifier\":\"emailpass\",\"display_name\":\"Email and password\",\"flow\":\"credentials\"},"
                + "{\"id\":\"phonepass\",\"identifier\":\"phonepass\",\"display_name\":\"Phone and password\",\"flow\":\"credentials\"}]}");
        Response user = api.get("/auth/user/providers", null);
        assertThat(user.body().path("providers").findValuesAsString("id")).containsExactly("emailpass");
    }

    private Signed signUp() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        Response created = api.createCustomer(registration, body("email", email, "phone", StoreApi.newPhone(), "first_name", "Ada"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return new Signed(email, created.body().path("customer").path("id").asString(),
                api.loginEmail(email, PASSWORD).text("token"));
    }

    private String startSession(Signed customer) {
        Response started = api.call("POST", "/auth/session", null, customer.token(), Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        return cookieOf(started);
    }

    private static String cookieOf(Response response) {
        return response.header("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    /** A request with only the cookie and exactly the headers given (no Content-Type unless named). */
    private Response withCookie(String method, String path, String body, String cookie, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Cookie", cookie);
        new LinkedHashMap<>(headers).forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), node, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
