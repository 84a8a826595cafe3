package registration.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Lazy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service as a storefront sees it: plain HTTP with JSON bodies, one method per route, so that a test
 * reads as the user story. {@link #call} reaches any route with any body, headers and method.
 */
@TestComponent
@Lazy
public class StoreApi {

    /** A JSON answer: status, body (a missing node when empty) and headers. */
    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        /** The {@code customer} object of the answer. */
        public JsonNode customer() {
            return body.path("customer");
        }

        public String text(String field) {
            return body.path(field).asString();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public static final String PASSWORD = "correct-horse-battery";
    private static final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    StoreApi(@Value("${local.server.port}") int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A fresh, never-used email address. */
    public static String newEmail() {
        return "c" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    /** A fresh valid E.164 phone number (US, 415 area; exchange [2-9][2-9]x, never an N11 service code). */
    public static String newPhone() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return "+1415" + random.nextInt(2, 10) + random.nextInt(2, 10) + random.nextInt(0, 10)
                + String.format("%04d", random.nextInt(10_000));
    }

    public Response call(String method, String path, Object body, String bearer, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        String payload = body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = json.missingNode();
            if (!response.body().isEmpty() && response.headers().firstValue("Content-Type").orElse("").contains("json")) {
                node = json.readTree(response.body());
            }
            return new Response(response.statusCode(), node, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, Object body, String bearer) {
        return call("POST", path, body, bearer, Map.of());
    }

    public Response get(String path, String bearer) {
        return call("GET", path, null, bearer, Map.of());
    }

    /** The decoded payload of a JWT (no signature check: the server is the judge of that). */
    public static JsonNode claims(String jwt) {
        return json.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    // --- identities and login

    public Response registerEmail(String email, String password) {
        return post("/auth/customer/emailpass/register", body("email", email, "password", password), null);
    }

    public Response registerPhone(String phone, String password) {
        return post("/auth/customer/phonepass/register", body("phone", phone, "password", password), null);
    }

    public Response loginEmail(String email, String password) {
        return post("/auth/customer/emailpass", body("email", email, "password", password), null);
    }

    public Response loginPhone(String phone, String password) {
        return post("/auth/customer/phonepass", body("phone", phone, "password", password), null);
    }

    public Response loginAdmin(String email, String password) {
        return post("/auth/user/emailpass", body("email", email, "password", password), null);
    }

    public Response refresh(String token) {
        return post("/auth/token/refresh", null, token);
    }

    public Response logOutEverywhere(String token) {
        return call("DELETE", "/auth/session", null, token, Map.of());
    }

    // --- customers

    public Response createCustomer(String registrationToken, Map<String, Object> body) {
        return post("/store/customers", body, registrationToken);
    }

    public Response me(String token) {
        return get("/store/customers/me", token);
    }

    public Response updateMe(String token, Map<String, Object> body) {
        return post("/store/customers/me", body, token);
    }

    /**
     * Registers by email (password {@link #PASSWORD}) and creates the customer, first name Ada; the whole answer,
     * {@code {customer[, verification]}} ({@link Response#customer()} for the customer).
     */
    public Response signUpWithEmail(String email) {
        return signUp(registerEmail(email, PASSWORD), "email", email);
    }

    /** The same by phone: registers by phone and creates the customer with that phone. */
    public Response signUpWithPhone(String phone) {
        return signUp(registerPhone(phone, PASSWORD), "phone", phone);
    }

    private Response signUp(Response registered, String field, String value) {
        return createCustomer(registered.text("token"), body(field, value, "first_name", "Ada"));
    }

    // --- OTP verification of the registered contact (otp feature)

    /** A client for another instance of the service (race tests across two instances sharing the database). */
    public static StoreApi forPort(int port) {
        return new StoreApi(port);
    }

    public Response sendOtp(String customerId, String type) {
        return post("/store/customers/otp/send", body("customer_id", customerId, "type", type), null);
    }

    public Response verifyOtp(String otpToken, String code) {
        return post("/store/customers/otp/verify", body("token", otpToken, "code", code), null);
    }

    // --- abuse protection (ratelimit)

    /** POSTs {@code body} to {@code path} as if forwarded by a proxy: with {@code X-Forwarded-For: forwardedFor}. */
    public Response postForwarded(String path, Object body, String forwardedFor) {
        return call("POST", path, body, null, Map.of("X-Forwarded-For", forwardedFor));
    }

    public Response loginEmailForwarded(String email, String password, String forwardedFor) {
        return postForwarded("/auth/customer/emailpass", body("email", email, "password", password), forwardedFor);
    }

    public Response loginAdminForwarded(String email, String password, String forwardedFor) {
        return postForwarded("/auth/user/emailpass", body("email", email, "password", password), forwardedFor);
    }

    /** {@code POST /store/customers} from {@code forwardedFor}: it shares the {@code register} group's bucket. */
    public Response createCustomerForwarded(String registrationToken, Map<String, Object> body, String forwardedFor) {
        return call("POST", "/store/customers", body, registrationToken, Map.of("X-Forwarded-For", forwardedFor));
    }

    public Response registerEmailForwarded(String email, String password, String forwardedFor) {
        return postForwarded("/auth/customer/emailpass/register", body("email", email, "password", password), forwardedFor);
    }

    // --- account deletion (deletion feature) and its admin list

    public Response requestDeletion(String customerToken, Map<String, Object> body) {
        return post("/store/customers/account-deletion/request", body, customerToken);
    }

    public Response confirmDeletion(String otpToken, String code) {
        return post("/store/customers/account-deletion/confirm", body("token", otpToken, "code", code), null);
    }

    /** {@code body}: {@code {email}} or {@code {phone}}. */
    public Response requestDeletionCancel(Map<String, Object> body) {
        return post("/store/customers/account-deletion/cancel-request", body, null);
    }

    public Response confirmDeletionCancel(String otpToken, String code) {
        return post("/store/customers/account-deletion/cancel-confirm", body("token", otpToken, "code", code), null);
    }

    /** {@code query}: e.g. {@code "?status=completed&limit=5"}, or {@code ""}. */
    public Response adminDeletionRequests(String adminToken, String query) {
        return get("/admin/account-deletion-requests" + query, adminToken);
    }

    // --- contact change and password reset (issue 4)

    public Response requestContactChange(String token, Map<String, Object> body) {
        return post("/store/customers/me/contact", body, token);
    }

    public Response verifyContactChange(String token, String otpToken, String code) {
        return post("/store/customers/me/contact/verify", body("token", otpToken, "code", code), token);
    }

    public Response requestEmailReset(String identifier) {
        return post("/auth/customer/emailpass/reset-password", body("identifier", identifier), null);
    }

    /** {@code POST /auth/customer/emailpass/update} with the reset token in the body. */
    public Response resetEmailPassword(String resetToken, String password) {
        return post("/auth/customer/emailpass/update", body("token", resetToken, "password", password), null);
    }

    /** {@code POST /auth/customer/emailpass/update} with the reset token as {@code Authorization: Bearer}. */
    public Response resetEmailPasswordWithBearer(String resetToken, String email, String password) {
        return post("/auth/customer/emailpass/update",
                email == null ? body("password", password) : body("email", email, "password", password), resetToken);
    }

    public Response requestPhoneReset(String phone) {
        return post("/auth/customer/phonepass/reset-password", body("identifier", phone), null);
    }

    public Response resetPhonePassword(String phone, String otpToken, String code, String password) {
        return post("/auth/customer/phonepass/update",
                body("phone", phone, "token", otpToken, "code", code, "password", password), null);
    }
}
