package registration.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import registration.admin.TestAdmins;
import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.SmsInbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document is the truth (issue 19): every controller route is in {@code /openapi.json} and every documented
 * route answers; every route is called over HTTP by at least one row of {@link #exchanges()}, and each answer —
 * success or error — has a status the document lists for that route and a body its schema accepts (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1; the schemas refuse undocumented fields, and error schemas name the
 * types and codes each route answers with).
 *
 * <p>A route added without a row fails {@link #everyDocumentedRouteIsExercised()} naming it: add a row.
 */
@HttpTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"customer-registration.registration.identifier=both",
        "customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false"})
class ApiContractHttpTests {

    /** One call of a route, and the status it must answer. */
    record Exchange(String route, int status, String what, Call call) {
        @Override
        public String toString() {
            return route + " → " + status + " (" + what + ")";
        }
    }

    interface Call {
        Response on(ApiContractHttpTests test);
    }

    /** A customer signed up by email and phone (both are logins), with a login token. */
    record Customer(String id, String email, String phone, String token) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    SmsInbox sms;
    @Autowired
    ApplicationContext context;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    private JsonNode document;

    static Stream<Exchange> exchanges() {
        return Stream.of(
                row("POST /auth/customer/emailpass/register", 200, "a new email", t -> t.api.registerEmail(StoreApi.newEmail(), PASSWORD)),
                row("POST /auth/customer/emailpass/register", 400, "a short password", t -> t.api.registerEmail(StoreApi.newEmail(), "short")),
                row("POST /auth/customer/emailpass/register", 401, "a taken email, another password", t ->
                        t.api.registerEmail(t.customer().email(), "another-password-1")),
                row("POST /auth/customer/emailpass/register", 413, "a body over 64 KB", t ->
                        t.api.post("/auth/customer/emailpass/register", body("email", "x".repeat(70_000), "password", PASSWORD), null)),
                row("POST /auth/customer/phonepass/register", 200, "a new phone", t -> t.api.registerPhone(StoreApi.newPhone(), PASSWORD)),
                row("POST /auth/customer/phonepass/register", 400, "no phone", t ->
                        t.api.post("/auth/customer/phonepass/register", body("password", PASSWORD), null)),
                row("POST /auth/customer/emailpass", 200, "the right password", t -> t.api.loginEmail(t.customer().email(), PASSWORD)),
                row("POST /auth/customer/emailpass", 401, "a wrong password", t -> t.api.loginEmail(t.customer().email(), "wrong-password-1")),
                row("POST /auth/customer/phonepass", 200, "the right password", t -> t.api.loginPhone(t.customer().phone(), PASSWORD)),
                row("POST /auth/customer/phonepass", 401, "an unknown phone", t -> t.api.loginPhone(StoreApi.newPhone(), PASSWORD)),
                row("POST /auth/user/emailpass", 200, "an admin", t -> t.api.loginAdmin(TestAdmins.create(t.context), PASSWORD)),
                row("POST /auth/user/emailpass", 401, "a customer is no admin", t -> t.api.loginAdmin(t.customer().email(), PASSWORD)),
                row("POST /auth/token/refresh", 200, "a login token", t -> t.api.refresh(t.customer().token())),
                row("POST /auth/token/refresh", 401, "no token", t -> t.api.refresh(null)),
                row("DELETE /auth/session", 200, "log out everywhere", t -> t.api.logOutEverywhere(t.customer().token())),
                row("DELETE /auth/session", 401, "a forged token", t -> t.api.logOutEverywhere("eyJhbGciOiJub25lIn0.e30.")),
                row("POST /auth/customer/emailpass/reset-password", 201, "any email", t -> t.api.requestEmailReset(StoreApi.newEmail())),
                row("POST /auth/customer/emailpass/reset-password", 400, "not an email", t -> t.api.requestEmailReset("not-an-email")),
                row("POST /auth/customer/emailpass/update", 200, "the token of the link", t -> {
                    Customer c = t.customer();
                    t.api.requestEmailReset(c.email());
                    return t.api.resetEmailPassword(t.mailbox.linkToken(c.email(), 1), "a-new-password-1");
                }),
                row("POST /auth/customer/emailpass/update", 401, "a bad token", t -> t.api.resetEmailPassword("not-a-token", "a-new-password-1")),
                row("POST /auth/customer/phonepass/reset-password", 201, "any phone", t -> t.api.requestPhoneReset(StoreApi.newPhone())),
                row("POST /auth/customer/phonepass/reset-password", 400, "neither field", t ->
                        t.api.post("/auth/customer/phonepass/reset-password", body(), null)),
                row("POST /auth/customer/phonepass/update", 200, "the texted code", t -> {
                    Customer c = t.customer();
                    String token = t.api.requestPhoneReset(c.phone()).text("token");
                    return t.api.resetPhonePassword(c.phone(), token, t.sms.lastCode(c.phone()), "a-new-password-1");
                }),
                row("POST /auth/customer/phonepass/update", 400, "a bad token", t ->
                        t.api.resetPhonePassword(StoreApi.newPhone(), "not-a-token", "123456", "a-new-password-1")),
                row("POST /store/customers", 200, "email and phone", t -> {
                    String email = StoreApi.newEmail();
                    return t.api.createCustomer(t.api.registerEmail(email, PASSWORD).text("token"),
                            body("email", email, "phone", StoreApi.newPhone(), "first_name", "Ada", "metadata", Map.of("vip", true)));
                }),
                row("POST /store/customers", 400, "no phone in both mode", t -> {
                    String email = StoreApi.newEmail();
                    return t.api.createCustomer(t.api.registerEmail(email, PASSWORD).text("token"), body("email", email));
                }),
                row("POST /store/customers", 401, "no token", t -> t.api.createCustomer(null, body("email", StoreApi.newEmail()))),
                row("POST /store/customers", 422, "a phone another customer has", t -> {
                    String email = StoreApi.newEmail();
                    return t.api.createCustomer(t.api.registerEmail(email, PASSWORD).text("token"),
                            body("email", email, "phone", t.customer().phone()));
                }),
                row("GET /store/customers/me", 200, "a login token", t -> t.api.me(t.customer().token())),
                row("GET /store/customers/me", 401, "no token", t -> t.api.me(null)),
                row("POST /store/customers/me", 200, "a new name", t -> t.api.updateMe(t.customer().token(), body("last_name", "Lovelace"))),
                row("POST /store/customers/me", 400, "an email change", t ->
                        t.api.updateMe(t.customer().token(), body("email", StoreApi.newEmail()))),
                row("PATCH /store/customers/me", 200, "a name cleared", t ->
                        t.api.call("PATCH", "/store/customers/me", body("first_name", null), t.customer().token(), Map.of())),
                row("GET /store/customers/me/export", 200, "a login token", t -> t.api.get("/store/customers/me/export", t.customer().token())),
                row("GET /store/customers/me/export", 401, "no token", t -> t.api.get("/store/customers/me/export", null)),
                row("POST /store/customers/otp/send", 200, "an unverified email", t -> t.api.sendOtp(t.customer().id(), "email_verification")),
                row("POST /store/customers/otp/send", 404, "an unknown customer", t -> t.api.sendOtp("cus_unknown", "email_verification")),
                row("POST /store/customers/otp/send", 429, "a resend inside the throttle", t -> {
                    Customer c = t.customer();
                    t.api.sendOtp(c.id(), "email_verification");
                    return t.api.sendOtp(c.id(), "email_verification");
                }),
                row("POST /store/customers/otp/verify", 200, "the mailed code", t -> {
                    Customer c = t.customer();
                    String token = t.api.sendOtp(c.id(), "email_verification").text("token");
                    return t.api.verifyOtp(token, t.mailbox.lastCode(c.email()));
                }),
                row("POST /store/customers/otp/verify", 400, "a bad token", t -> t.api.verifyOtp("not-a-token", "123456")),
                row("POST /store/customers/me/contact", 200, "a new email", t ->
                        t.api.requestContactChange(t.customer().token(), body("email", StoreApi.newEmail()))),
                row("POST /store/customers/me/contact", 400, "both fields", t ->
                        t.api.requestContactChange(t.customer().token(), body("email", StoreApi.newEmail(), "phone", StoreApi.newPhone()))),
                row("POST /store/customers/me/contact/verify", 200, "the code sent to the new email", t -> {
                    Customer c = t.customer();
                    String email = StoreApi.newEmail();
                    String token = t.api.requestContactChange(c.token(), body("email", email)).text("token");
                    return t.api.verifyContactChange(c.token(), token, t.mailbox.lastCode(email));
                }),
                row("POST /store/customers/me/contact/verify", 400, "a bad token", t ->
                        t.api.verifyContactChange(t.customer().token(), "not-a-token", "123456")),
                row("POST /store/customers/account-deletion/request", 200, "a reason", t ->
                        t.api.requestDeletion(t.customer().token(), body("reason", "moving away"))),
                row("POST /store/customers/account-deletion/request", 401, "no token", t -> t.api.requestDeletion(null, body())),
                row("POST /store/customers/account-deletion/confirm", 200, "the mailed code", t -> t.scheduledDeletion().confirmed()),
                row("POST /store/customers/account-deletion/confirm", 400, "a bad token", t -> t.api.confirmDeletion("not-a-token", "123456")),
                row("POST /store/customers/account-deletion/cancel-request", 200, "any email", t ->
                        t.api.requestDeletionCancel(body("email", StoreApi.newEmail()))),
                row("POST /store/customers/account-deletion/cancel-request", 400, "neither field", t -> t.api.requestDeletionCancel(body())),
                row("POST /store/customers/account-deletion/cancel-confirm", 200, "the mailed code", t -> {
                    Deletion deletion = t.scheduledDeletion();
                    String token = t.api.requestDeletionCancel(body("email", deletion.customer().email())).text("token");
                    return t.api.confirmDeletionCancel(token, t.mailbox.code(deletion.customer().email(), 3));
                }),
                row("POST /store/customers/account-deletion/cancel-confirm", 400, "a bad token", t ->
                        t.api.confirmDeletionCancel("not-a-token", "123456")),
                row("GET /admin/account-deletion-requests", 200, "an admin", t -> t.api.adminDeletionRequests(t.adminToken(), "?limit=5")),
                row("GET /admin/account-deletion-requests", 400, "an unknown status", t ->
                        t.api.adminDeletionRequests(t.adminToken(), "?status=nope")),
                row("GET /admin/account-deletion-requests", 401, "a customer's token", t ->
                        t.api.adminDeletionRequests(t.customer().token(), "")),
                // Addresses
                row("GET /store/customers/me/addresses", 200, "one address", t -> {
                    Customer c = t.customer();
                    t.address(c);
                    return t.api.get(ADDRESSES + "?limit=5", c.token());
                }),
                row("GET /store/customers/me/addresses", 400, "a limit of 0", t -> t.api.get(ADDRESSES + "?limit=0", t.customer().token())),
                row("GET /store/customers/me/addresses", 401, "no token", t -> t.api.get(ADDRESSES, null)),
                row("POST /store/customers/me/addresses", 200, "every field", t -> t.api.post(ADDRESSES, body("address_name", "Home",
                        "company", "Engines Ltd", "first_name", "Ada", "last_name", "Lovelace", "address_1", "12 St James's Square",
                        "address_2", null, "city", "London", "country_code", "gb", "province", null, "postal_code", "SW1Y 4JH",
                        "phone", "+442079460000", "metadata", Map.of("door", "blue"), "is_default_shipping", true,
                        "is_default_billing", false), t.customer().token())),
                row("POST /store/customers/me/addresses", 400, "a three-letter country", t ->
                        t.api.post(ADDRESSES, body("country_code", "gbr"), t.customer().token())),
                row("POST /store/customers/me/addresses", 401, "no token", t -> t.api.post(ADDRESSES, body("city", "London"), null)),
                row("GET /store/customers/me/addresses/{addressId}", 200, "an own address", t -> {
                    Customer c = t.customer();
                    return t.api.get(ADDRESSES + "/" + t.address(c), c.token());
                }),
                row("GET /store/customers/me/addresses/{addressId}", 404, "another customer's address", t ->
                        t.api.get(ADDRESSES + "/" + t.address(t.customer()), t.customer().token())),
                row("POST /store/customers/me/addresses/{addressId}", 200, "a new city", t -> {
                    Customer c = t.customer();
                    return t.api.post(ADDRESSES + "/" + t.address(c), body("city", "Cambridge", "company", null), c.token());
                }),
                row("POST /store/customers/me/addresses/{addressId}", 404, "an unknown address", t ->
                        t.api.post(ADDRESSES + "/addr_unknown", body("city", "Cambridge"), t.customer().token())),
                row("DELETE /store/customers/me/addresses/{addressId}", 200, "an own address", t -> {
                    Customer c = t.customer();
                    return t.api.call("DELETE", ADDRESSES + "/" + t.address(c), null, c.token(), Map.of());
                }),
                row("DELETE /store/customers/me/addresses/{addressId}", 404, "an unknown address", t ->
                        t.api.call("DELETE", ADDRESSES + "/addr_unknown", null, t.customer().token(), Map.of())),
                // Session mode, providers, keys
                row("POST /auth/session", 200, "a customer's login token", t ->
                        t.api.call("POST", "/auth/session", null, t.customer().token(), Map.of())),
                row("POST /auth/session", 401, "a registration token", t ->
                        t.api.call("POST", "/auth/session", null, t.api.registerEmail(StoreApi.newEmail(), PASSWORD).text("token"), Map.of())),
                row("DELETE /auth/session", 200, "the session cookie", t -> {
                    String cookie = t.sessionCookie(t.customer());
                    return t.api.call("DELETE", "/auth/session", null, null, Map.of("Cookie", cookie, "Content-Type", "application/json"));
                }),
                row("DELETE /auth/session", 403, "the cookie without the SDK's content type", t ->
                        t.api.call("DELETE", "/auth/session", null, null, Map.of("Cookie", t.sessionCookie(t.customer())))),
                row("GET /auth/customer/providers", 200, "both logins", t -> t.api.get("/auth/customer/providers", null)),
                row("GET /auth/user/providers", 200, "emailpass", t -> t.api.get("/auth/user/providers", null)),
                row("GET /.well-known/jwks.json", 200, "the public keys", t -> t.api.get("/.well-known/jwks.json", null)),
                // The operator API: customers
                row("GET /admin/customers", 200, "a search", t -> t.api.get("/admin/customers?q=" + t.customer().email()
                        + "&email_verified=false&created_at%5B%24gte%5D=2020-01-01&order=email&limit=5", t.admin())),
                row("GET /admin/customers", 400, "an unknown order", t -> t.api.get("/admin/customers?order=name", t.admin())),
                row("GET /admin/customers", 401, "a customer's token", t -> t.api.get("/admin/customers", t.someCustomer())),
                row("GET /admin/customers/{id}", 200, "a customer", t -> t.api.get("/admin/customers/" + t.customer().id(), t.admin())),
                row("GET /admin/customers/{id}", 200, "a customer scheduled for deletion", t ->
                        t.api.get("/admin/customers/" + t.scheduledDeletion().customer().id(), t.admin())),
                row("GET /admin/customers/{id}", 404, "an unknown customer", t -> t.api.get("/admin/customers/cus_unknown", t.admin())),
                row("GET /admin/customers/{id}", 401, "a customer's token", t ->
                        t.api.get("/admin/customers/" + t.customer().id(), t.someCustomer())),
                adminAction("block", 200), adminAction("block", 404), adminAction("block", 401),
                adminAction("unblock", 200), adminAction("unblock", 404), adminAction("unblock", 401),
                adminAction("unlock", 200), adminAction("unlock", 404), adminAction("unlock", 401),
                adminAction("revoke-sessions", 200), adminAction("revoke-sessions", 404), adminAction("revoke-sessions", 401),
                row("POST /admin/customers/{id}/cancel-deletion", 200, "a scheduled deletion", t ->
                        t.api.post("/admin/customers/" + t.scheduledDeletion().customer().id() + "/cancel-deletion", null, t.admin())),
                row("POST /admin/customers/{id}/cancel-deletion", 409, "nothing scheduled", t ->
                        t.api.post("/admin/customers/" + t.customer().id() + "/cancel-deletion", null, t.admin())),
                row("POST /admin/customers/{id}/cancel-deletion", 404, "an unknown customer", t ->
                        t.api.post("/admin/customers/cus_unknown/cancel-deletion", null, t.admin())),
                row("POST /admin/customers/{id}/cancel-deletion", 401, "a customer's token", t ->
                        t.api.post("/admin/customers/cus_unknown/cancel-deletion", null, t.someCustomer())),
                row("POST /admin/customers/{id}/erase", 200, "the id confirmed", t -> {
                    String id = t.customer().id();
                    return t.api.post("/admin/customers/" + id + "/erase", body("confirm", id), t.admin());
                }),
                row("POST /admin/customers/{id}/erase", 400, "another id confirmed", t ->
                        t.api.post("/admin/customers/" + t.customer().id() + "/erase", body("confirm", "cus_other"), t.admin())),
                row("POST /admin/customers/{id}/erase", 404, "an unknown customer", t ->
                        t.api.post("/admin/customers/cus_unknown/erase", body("confirm", "cus_unknown"), t.admin())),
                row("POST /admin/customers/{id}/erase", 401, "a customer's token", t ->
                        t.api.post("/admin/customers/cus_unknown/erase", body("confirm", "cus_unknown"), t.someCustomer())),
                row("POST /admin/customers/{id}/resend-verification", 200, "an unverified email", t ->
                        t.api.post("/admin/customers/" + t.customer().id() + "/resend-verification",
                                body("type", "email_verification"), t.admin())),
                row("POST /admin/customers/{id}/resend-verification", 400, "no type", t ->
                        t.api.post("/admin/customers/" + t.customer().id() + "/resend-verification", body(), t.admin())),
                row("POST /admin/customers/{id}/resend-verification", 404, "an unknown customer", t ->
                        t.api.post("/admin/customers/cus_unknown/resend-verification", body("type", "email_verification"), t.admin())),
                row("POST /admin/customers/{id}/resend-verification", 409, "a verified email", t -> {
                    Customer c = t.customer();
                    String token = t.api.sendOtp(c.id(), "email_verification").text("token");
                    t.api.verifyOtp(token, t.mailbox.lastCode(c.email()));
                    return t.api.post("/admin/customers/" + c.id() + "/resend-verification", body("type", "email_verification"), t.admin());
                }),
                row("POST /admin/customers/{id}/resend-verification", 401, "a customer's token", t ->
                        t.api.post("/admin/customers/cus_unknown/resend-verification", body("type", "email_verification"), t.someCustomer())),
                // The operator API: admin users
                row("GET /admin/users", 200, "a page", t -> t.api.get("/admin/users?limit=5", t.admin())),
                row("GET /admin/users", 400, "a limit of 0", t -> t.api.get("/admin/users?limit=0", t.admin())),
                row("GET /admin/users", 401, "a customer's token", t -> t.api.get("/admin/users", t.someCustomer())),
                row("POST /admin/users", 200, "a new admin", t ->
                        t.api.post("/admin/users", body("email", StoreApi.newEmail(), "password", PASSWORD), t.admin())),
                row("POST /admin/users", 400, "a short password", t ->
                        t.api.post("/admin/users", body("email", StoreApi.newEmail(), "password", "short"), t.admin())),
                row("POST /admin/users", 422, "a taken email", t ->
                        t.api.post("/admin/users", body("email", TestAdmins.create(t.context), "password", PASSWORD), t.admin())),
                row("POST /admin/users", 401, "a customer's token", t ->
                        t.api.post("/admin/users", body("email", StoreApi.newEmail(), "password", PASSWORD), t.someCustomer())),
                row("POST /admin/users/{id}/disable", 200, "another admin", t ->
                        t.api.post("/admin/users/" + t.newAdminId() + "/disable", null, t.admin())),
                row("POST /admin/users/{id}/disable", 404, "an unknown user", t -> t.api.post("/admin/users/user_unknown/disable", null, t.admin())),
                row("POST /admin/users/{id}/disable", 401, "a customer's token", t ->
                        t.api.post("/admin/users/user_unknown/disable", null, t.someCustomer())),
                row("POST /admin/users/{id}/enable", 200, "a disabled admin", t -> {
                    String id = t.newAdminId();
                    t.api.post("/admin/users/" + id + "/disable", null, t.admin());
                    return t.api.post("/admin/users/" + id + "/enable", null, t.admin());
                }),
                row("POST /admin/users/{id}/enable", 404, "an unknown user", t -> t.api.post("/admin/users/user_unknown/enable", null, t.admin())),
                row("POST /admin/users/{id}/enable", 401, "a customer's token", t ->
                        t.api.post("/admin/users/user_unknown/enable", null, t.someCustomer())),
                row("POST /admin/users/me/password", 200, "the current password", t -> t.api.post("/admin/users/me/password",
                        body("current_password", PASSWORD, "password", "a-new-password-1"), t.adminToken())),
                row("POST /admin/users/me/password", 400, "a wrong current password", t -> t.api.post("/admin/users/me/password",
                        body("current_password", "wrong-password-1", "password", "a-new-password-1"), t.adminToken())),
                row("POST /admin/users/me/password", 401, "a customer's token", t -> t.api.post("/admin/users/me/password",
                        body("current_password", PASSWORD, "password", "a-new-password-1"), t.someCustomer())),
                // The audit trail
                row("GET /admin/audit", 200, "a customer's events", t ->
                        t.api.get("/admin/audit?customer_id=" + t.customer().id() + "&limit=5", t.admin())),
                row("GET /admin/audit", 200, "the newest events", t -> t.api.get("/admin/audit?limit=20", t.admin())),
                row("GET /admin/audit", 400, "a bad time", t -> t.api.get("/admin/audit?from=yesterday", t.admin())),
                row("GET /admin/audit", 401, "a customer's token", t -> t.api.get("/admin/audit", t.someCustomer())));
    }

    private static final String ADDRESSES = "/store/customers/me/addresses";

    /** A row of an operator action on a customer: 200 on a customer, 404 on an unknown one, 401 with a customer's token. */
    private static Exchange adminAction(String action, int status) {
        String route = "POST /admin/customers/{id}/" + action;
        return switch (status) {
            case 200 -> row(route, 200, "a customer", t ->
                    t.api.post("/admin/customers/" + t.customer().id() + "/" + action, null, t.admin()));
            case 404 -> row(route, 404, "an unknown customer", t ->
                    t.api.post("/admin/customers/cus_unknown/" + action, null, t.admin()));
            default -> row(route, 401, "a customer's token", t ->
                    t.api.post("/admin/customers/" + t.customer().id() + "/" + action, null, t.someCustomer()));
        };
    }

    private static Exchange row(String route, int status, String what, Call call) {
        return new Exchange(route, status, what, call);
    }

    @Test
    void theDocumentIsOpenApi31() {
        assertThat(document().path("openapi").asString()).startsWith("3.1.");
        assertThat(document().path("components").path("securitySchemes").propertyNames())
                .containsExactlyInAnyOrder(RouteContract.BEARER, RouteContract.PUBLISHABLE_KEY);
    }

    @Test
    void everyControllerRouteIsDocumentedAndEveryDocumentedRouteExists() {
        Set<String> controllers = new TreeSet<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("registration.")) {
                return; // the document's own endpoints
            }
            for (String path : info.getPatternValues()) {
                if (!path.equals("/error")) { // the servlet container's error page, no route of the API
                    info.getMethodsCondition().getMethods().forEach(m -> controllers.add(m.name() + " " + path));
                }
            }
        });
        assertThat(documentedRoutes()).as("documented routes vs controller routes").isEqualTo(controllers);
    }

    @Test
    void everyDocumentedRouteIsExercised() {
        Set<String> exercised = exchanges().map(Exchange::route).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(documentedRoutes());
        missing.removeAll(exercised);
        assertThat(missing).as("routes without a row in ApiContractHttpTests.exchanges(): add one").isEmpty();
        Set<String> unknown = new TreeSet<>(exercised);
        unknown.removeAll(documentedRoutes());
        assertThat(unknown).as("rows for routes the document does not have").isEmpty();
    }

    /** The check above can fail: a renamed or extra field, a missing one, or an undocumented code is refused. */
    @Test
    void theSchemasRefuseWhatTheDocumentDoesNotSay() {
        JsonNode me = document().path("paths").path("/store/customers/me").path("get").path("responses");
        JsonNode ok = me.path("200").path("content").path("application/json").path("schema");
        ObjectNode customer = (ObjectNode) JSON.readTree(api.me(customer().token()).raw().body());
        assertThat(validate(ok, customer)).isEmpty();
        ((ObjectNode) customer.path("customer")).put("firstName", "Ada");
        assertThat(validate(ok, customer)).as("an undocumented (camelCase) field").isNotEmpty();
        ((ObjectNode) customer.path("customer")).remove("firstName");
        ((ObjectNode) customer.path("customer")).remove("email_verified");
        assertThat(validate(ok, customer)).as("a missing field").isNotEmpty();

        JsonNode unauthorized = me.path("401").path("content").path("application/json").path("schema");
        assertThat(validate(unauthorized, JSON.readTree("{\"type\":\"unauthorized\",\"message\":\"Unauthorized\"}"))).isEmpty();
        assertThat(validate(unauthorized, JSON.readTree("{\"type\":\"unauthorized\",\"message\":\"x\",\"code\":\"otp_locked\"}")))
                .as("a code this status does not have here").isNotEmpty();
        assertThat(validate(unauthorized, JSON.readTree("{\"type\":\"not_found\",\"message\":\"x\"}")))
                .as("a type this status does not have here").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void everyAnswerMatchesTheDocument(Exchange exchange) {
        Response answer = exchange.call().on(this);
        assertThat(answer.status()).as(exchange + ": " + answer).isEqualTo(exchange.status());

        String[] route = exchange.route().split(" ", 2);
        JsonNode documented = document().path("paths").path(route[1]).path(route[0].toLowerCase()).path("responses")
                .path(Integer.toString(answer.status()));
        assertThat(documented.isMissingNode()).as(exchange + ": status " + answer.status() + " is not documented").isFalse();
        if (documented.path("content").isMissingNode()) {
            assertThat(answer.raw().body()).as(exchange + ": documented without a body").isEmpty();
            return;
        }
        // The schema of the media type answered (application/json, or another the route produces, as the JWK set's)
        String mediaType = answer.header("Content-Type").orElse("").split(";")[0].strip();
        JsonNode schema = documented.path("content").path(mediaType).path("schema");
        assertThat(schema.isMissingNode()).as(exchange + ": " + mediaType + " is not documented: " + answer).isFalse();
        List<Error> errors = validate(schema, answer.body());
        assertThat(errors).as(exchange + ": " + answer.raw().body()).isEmpty();
    }

    /** The schema, with the document's component schemas beside it as {@code $defs}, applied to the answer. */
    private List<Error> validate(JsonNode schema, JsonNode answer) {
        String components = document().path("components").path("schemas").toString();
        ObjectNode root = (ObjectNode) JSON.readTree(schema.toString().replace("#/components/schemas/", "#/$defs/"));
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$defs", JSON.readTree(components.replace("#/components/schemas/", "#/$defs/")));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root).validate(answer);
    }

    private Set<String> documentedRoutes() {
        Set<String> routes = new TreeSet<>();
        document().path("paths").properties().forEach(path -> {
            for (Iterator<String> methods = path.getValue().propertyNames().iterator(); methods.hasNext(); ) {
                String method = methods.next();
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(method)) {
                    routes.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        });
        return routes;
    }

    private JsonNode document() {
        if (document == null) {
            Response answer = api.get("/openapi.json", null);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            document = answer.body();
        }
        return document;
    }

    // --- fixtures the rows use

    String adminToken() {
        return TestAdmins.loginToken(context, api);
    }

    private String admin;
    private String someCustomer;

    /** One admin's token for the rows that do not change the admin itself. */
    String admin() {
        if (admin == null) {
            admin = adminToken();
        }
        return admin;
    }

    /** One customer's token for the rows that only need to be refused (a customer on an admin route). */
    String someCustomer() {
        if (someCustomer == null) {
            someCustomer = customer().token();
        }
        return someCustomer;
    }

    /** A new admin user, created over HTTP; its id. */
    String newAdminId() {
        Response created = api.post("/admin/users", body("email", StoreApi.newEmail(), "password", PASSWORD), admin());
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.body().path("user").path("id").asString();
    }

    /** A new address of the customer; its id. */
    String address(Customer c) {
        Response added = api.post(ADDRESSES, body("city", "London", "country_code", "gb"), c.token());
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        JsonNode addresses = added.body().path("customer").path("addresses");
        return addresses.get(addresses.size() - 1).path("id").asString();
    }

    /** The session cookie ({@code name=value}) of a session started with the customer's token. */
    String sessionCookie(Customer c) {
        Response started = api.call("POST", "/auth/session", null, c.token(), Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        return started.header("Set-Cookie").orElseThrow().split(";")[0];
    }

    Customer customer() {
        String email = StoreApi.newEmail();
        String phone = StoreApi.newPhone();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        Response created = api.createCustomer(registration, body("email", email, "phone", phone, "first_name", "Ada"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        Response login = api.loginEmail(email, PASSWORD);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new Customer(created.body().path("customer").path("id").asString(), email, phone, login.text("token"));
    }

    /** A customer whose deletion was requested by mail code ({@code confirmed()} confirms it: the 2nd mail is the notice). */
    record Deletion(Customer customer, Response confirmedAnswer) {
        Response confirmed() {
            return confirmedAnswer;
        }
    }

    Deletion scheduledDeletion() {
        Customer c = customer();
        String token = api.requestDeletion(c.token(), body()).text("token");
        Response confirmed = api.confirmDeletion(token, mailbox.code(c.email(), 1));
        mailbox.awaitMessage(c.email(), 2); // the deletion notice, before the cancel code is asked for
        return new Deletion(c, confirmed);
    }
}
