package registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import registration.support.TestClock;
import registration.support.TestServices;

/** Every error class answers {@code {type, message}} with the status of SPEC sections 2 and 8a — never a 500. */
@NoVerificationHttpTest
class ErrorHandlingHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Value("${local.server.port}")
    int port;
    @Autowired
    RequestMappingHandlerAdapter mvc;

    /** Parsed once (the converter binds the checked tree), and by Jackson 3 only: no JAXB or Jackson 2 converter. */
    @Test
    void requestBodiesHaveOneJsonConverter() {
        assertThat(mvc.getMessageConverters())
                .anyMatch(converter -> converter instanceof JsonOnlyConverters.CheckedBodyConverter)
                .noneMatch(converter -> converter instanceof Jaxb2RootElementHttpMessageConverter)
                .noneMatch(converter -> converter.getClass().getSimpleName().startsWith("MappingJackson2"));
    }

    @Test
    void malformedJsonIsInvalidData() {
        assertError(api.post("/auth/customer/emailpass", "{\"email\": ", null), 400, "invalid_data");
        assertError(api.post("/auth/customer/emailpass", "[1,2]", null), 400, "invalid_data");
        String email = StoreApi.newEmail();
        assertError(api.post("/auth/customer/emailpass/register",
                "{\"email\": \"" + email + "\", \"email\": \"" + StoreApi.newEmail() + "\", \"password\": \"" + PASSWORD + "\"}",
                null), 400, "invalid_data");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provider_identity WHERE entity_id = :e").param("e", email)
                .query(Integer.class).single()).as("a key given twice changes nothing").isZero();
    }

    @Test
    void unknownFieldsAreNamedAndWrongTypesAreNotCoerced() {
        Response unknown = api.post("/auth/customer/emailpass/register",
                body("email", StoreApi.newEmail(), "password", PASSWORD, "role", "admin", "x", 1), null);
        assertError(unknown, 400, "invalid_data");
        assertThat(unknown.text("message")).isEqualTo("Invalid request: Unrecognized fields: 'role', 'x'");

        String email = StoreApi.newEmail();
        String token = api.registerEmail(email, PASSWORD).text("token");
        Response typed = api.createCustomer(token, body("email", email, "first_name", 5));
        assertThat(typed.text("message")).isEqualTo("Invalid request: Expected type: 'string' for field 'first_name', got: '5'");
        Response meta = api.createCustomer(token, body("email", email, "metadata", "text"));
        assertThat(meta.text("message")).isEqualTo("Invalid request: Expected type: 'object' for field 'metadata', got: 'text'");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE email = :e").param("e", email).query(Integer.class).single()).isZero();
    }

    @Test
    void routesThatTakeNoBodyRefuseFieldsButAcceptNothingOrAnEmptyObject() {
        String email = StoreApi.newEmail();
        String token = api.registerEmail(email, PASSWORD).text("token");

        Response unknown = api.post("/auth/token/refresh", body("foo", 1), token);
        assertError(unknown, 400, "invalid_data");
        assertThat(unknown.text("message")).isEqualTo("Invalid request: Unrecognized fields: 'foo'");
        assertThat(api.post("/auth/token/refresh", body(), token).status()).isEqualTo(200);
        assertThat(api.refresh(token).status()).isEqualTo(200);
        assertError(api.post("/auth/token/refresh", body("foo", 1), null), 401, "unauthorized");
        assertError(api.call("DELETE", "/auth/session", body("all", true), token, Map.of()), 400, "invalid_data");
        assertThat(api.logOutEverywhere(token).status()).isEqualTo(200);
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        Response r = api.post("/auth/customer/emailpass", body("email", StoreApi.newEmail()), null);
        assertError(r, 400, "invalid_data");
        assertThat(r.text("message")).isEqualTo("Invalid request: Field 'password' is required");
    }

    @Test
    void aBodyOver64KbIsRefusedWith413() {
        String email = StoreApi.newEmail();
        String token = api.registerEmail(email, PASSWORD).text("token");
        Response r = api.createCustomer(token, body("email", email, "metadata", Map.of("blob", "x".repeat(70 * 1024))));
        assertError(r, 413, "invalid_data");
    }

    @Test
    void metadataOver16KbAndNamesOver255CharactersAreRefused() {
        String email = StoreApi.newEmail();
        String token = api.registerEmail(email, PASSWORD).text("token");
        assertError(api.createCustomer(token, body("email", email, "metadata", Map.of("blob", "x".repeat(17 * 1024)))),
                400, "invalid_data");
        assertError(api.createCustomer(token, body("email", email, "first_name", "x".repeat(256))), 400, "invalid_data");
    }

    @Test
    void unknownRouteWrongMethodAndWrongContentType() {
        assertError(api.get("/store/nothing-here", null), 404, "not_found");
        assertError(api.post("/auth/user/phonepass", body("phone", "+14155552671", "password", PASSWORD), null), 404, "not_found");
        Response wrongMethod = api.get("/auth/customer/emailpass", null);
        assertError(wrongMethod, 405, "not_allowed");
        assertThat(wrongMethod.header("Allow")).hasValue("POST");
        Response text = api.call("POST", "/auth/customer/emailpass", null, null, Map.of("Content-Type", "text/plain"));
        assertThat(text.status()).isIn(400, 415);
        assertError(raw("POST", "/auth/customer/emailpass", "text/plain", "email=a"), 415, "invalid_data");
    }

    @Test
    void aMalformedUriRejectedByTheServletContainerIsStillJson() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("GET /store/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json")
                    .contains("{\"type\":\"invalid_data\"").doesNotContain("<html");
        }
    }

    @Test
    void missingMalformedAndAlgNoneTokensAreUnauthorized() {
        assertError(api.me(null), 401, "unauthorized");
        assertError(api.me("not-a-jwt"), 401, "unauthorized");
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String token = api.loginEmail(email, PASSWORD).text("token");
        String[] parts = token.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertError(api.me(none + "." + parts[1] + "."), 401, "unauthorized");
        String hs512 = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8));
        assertError(api.me(hs512 + "." + parts[1] + "." + parts[2]), 401, "unauthorized");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertError(api.me(tampered), 401, "unauthorized");
        assertThat(api.me(token).status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsUnauthorized() throws Exception {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String[] parts = api.loginEmail(email, PASSWORD).text("token").split("\\.");
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(("x" + TestServices.JWT_SECRET).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8)));
        assertError(api.me(parts[0] + "." + parts[1] + "." + signature), 401, "unauthorized");
    }

    @Test
    void registrationTokensCannotReadMeAndExpiredTokensAreRefused() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        assertError(api.me(registration), 401, "unauthorized");
        api.createCustomer(registration, body("email", email));
        String login = api.loginEmail(email, PASSWORD).text("token");
        assertThat(api.me(login).status()).isEqualTo(200);

        clock.advance(java.time.Duration.ofDays(1).plusMinutes(1));
        assertError(api.me(login), 401, "unauthorized");
    }

    @Test
    void aCustomerTokenIsRefusedOnAdminRoutes() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String login = api.loginEmail(email, PASSWORD).text("token");
        assertThat(api.get("/admin/account-deletion-requests", login).status()).isIn(401, 404);
    }

    private Response raw(String method, String path, String contentType, String body) {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(response.body()), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertError(Response r, int status, String type) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.text("type")).as(r.toString()).isEqualTo(type);
        assertThat(r.text("message")).as(r.toString()).isNotBlank();
        assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("SQL");
    }
}
