package registration.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.PersonalDataScan;
import registration.support.SmsInbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;

/**
 * The operator's customer routes: {@code GET /admin/customers} (search, filters, paging), {@code GET
 * /admin/customers/{id}} and the actions. Other suites share the database: every search is narrowed by this
 * test's own tag.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false"})
class AdminCustomersHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Mailbox mailbox;
    @Autowired
    SmsInbox sms;
    @Autowired
    TestClock clock;

    private final String tag = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private JsonNode customer(String email, Object... more) {
        String token = api.registerEmail(email, PASSWORD).text("token");
        Object[] fields = new Object[more.length + 2];
        fields[0] = "email";
        fields[1] = email;
        System.arraycopy(more, 0, fields, 2, more.length);
        Response created = api.createCustomer(token, body(fields));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.body().path("customer");
    }

    private String login(String email) {
        Response login = api.loginEmail(email, PASSWORD);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.text("token");
    }

    private List<String> emails(Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.body().path("customers").valueStream().map(c -> c.path("email").asString()).toList();
    }

    @Test
    void aCustomerTokenOrNoTokenOnAnAdminRouteIs401AndChangesNothing() {
        String email = tag + "@example.com";
        String id = customer(email).path("id").asString();
        String customerToken = login(email);

        for (Response refused : List.of(api.get("/admin/customers", customerToken), api.get("/admin/customers/" + id, customerToken),
                api.post("/admin/customers/" + id + "/block", null, customerToken), api.get("/admin/customers", null),
                api.get("/admin/users", customerToken))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.text("type")).isEqualTo("unauthorized");
        }
        assertThat(api.me(customerToken).status()).as("not blocked").isEqualTo(200);
    }

    @Test
    void searchesByEmailNamePhoneAndIdPrefixCaseInsensitively() {
        String phone = StoreApi.newPhone();
        JsonNode anna = customer(tag + "-anna@example.com", "first_name", "Anna", "last_name", "Zz" + tag, "phone", phone);
        customer(tag + "-bert@example.com", "first_name", "Bert", "last_name", "Zz" + tag);
        customer(tag + "-carl@shop.example", "first_name", "Carl", "last_name", "Other");
        String admin = TestAdmins.loginToken(context, api);

        Response byEmail = api.get("/admin/customers?q=" + tag + "-", admin);
        assertThat(emails(byEmail)).containsExactlyInAnyOrder(tag + "-anna@example.com", tag + "-bert@example.com",
                tag + "-carl@shop.example");
        assertThat(byEmail.body().path("count").asLong()).isEqualTo(3);
        assertThat(emails(api.get("/admin/customers?q=" + tag.toUpperCase() + "-ANNA", admin)))
                .containsExactly(tag + "-anna@example.com");
        assertThat(emails(api.get("/admin/customers?q=zz" + tag, admin)))
                .as("last name").containsExactlyInAnyOrder(tag + "-anna@example.com", tag + "-bert@example.com");
        assertThat(emails(api.get("/admin/customers?q=anna%20zz" + tag.toUpperCase(), admin)))
                .as("full name").containsExactly(tag + "-anna@example.com");
        String spaced = phone.substring(0, 4) + " " + phone.substring(4, 8) + "-" + phone.substring(8);
        assertThat(emails(api.get("/admin/customers?q=" + spaced.replace("+", "%2B").replace(" ", "%20"), admin)))
                .as("phone, spaced").containsExactly(tag + "-anna@example.com");
        String id = anna.path("id").asString();
        assertThat(emails(api.get("/admin/customers?q=" + id.substring(0, id.length() - 2), admin)))
                .as("id prefix").containsExactly(tag + "-anna@example.com");
        assertThat(emails(api.get("/admin/customers?q=" + tag + "%25", admin)))
                .as("a % in q is a character, not a wildcard").isEmpty();

        JsonNode listed = api.get("/admin/customers?q=" + tag + "-anna", admin).body().path("customers").get(0);
        assertThat(listed.path("id").asString()).isEqualTo(id);
        assertThat(listed.path("phone").asString()).isEqualTo(phone);
        assertThat(listed.path("first_name").asString()).isEqualTo("Anna");
        assertThat(listed.path("blocked").asBoolean()).isFalse();
        assertThat(listed.path("locked").asBoolean()).isFalse();
        assertThat(listed.path("has_pending_deletion").asBoolean()).isFalse();
        assertThat(listed.path("email_verified").asBoolean()).isFalse();
    }

    @Test
    void ordersPagesAndFilters() {
        customer(tag + "-a@example.com");
        clock.advance(Duration.ofMinutes(10));
        String b = tag + "-b@example.com";
        JsonNode bCustomer = customer(b);
        String bId = bCustomer.path("id").asString();
        String middle = bCustomer.path("created_at").asString();
        clock.advance(Duration.ofMinutes(10));
        String c = tag + "-c@example.com";
        customer(c);
        String admin = TestAdmins.loginToken(context, api);
        String q = "/admin/customers?q=" + tag + "-";

        assertThat(emails(api.get(q, admin))).as("newest first by default").containsExactly(c, b, tag + "-a@example.com");
        Response page = api.get(q + "&order=email&limit=2&offset=1", admin);
        assertThat(emails(page)).containsExactly(b, c);
        assertThat(page.body().path("count").asLong()).isEqualTo(3);
        assertThat(page.body().path("limit").asInt()).isEqualTo(2);
        assertThat(page.body().path("offset").asInt()).isEqualTo(1);
        assertThat(emails(api.get(q + "&order=-email", admin))).containsExactly(c, b, tag + "-a@example.com");
        assertThat(api.get(q + "&limit=1000", admin).body().path("limit").asInt()).as("capped").isEqualTo(100);

        assertThat(emails(api.get(q + "&created_at%5B%24gte%5D=" + middle, admin))).containsExactly(c, b);
        assertThat(emails(api.get(q + "&created_at%5Blt%5D=" + middle, admin))).containsExactly(tag + "-a@example.com");
        assertThat(emails(api.get(q + "&created_at%5B%24gt%5D=" + Instant.parse(middle).plus(Duration.ofMinutes(5))
                + "&created_at%5B%24lte%5D=" + clock.instant(), admin)))
                .containsExactly(c);

        assertThat(api.post("/admin/customers/" + bId + "/block", null, admin).status()).isEqualTo(200);
        assertThat(emails(api.get(q + "&blocked=true", admin))).containsExactly(b);
        assertThat(emails(api.get(q + "&blocked=false", admin))).containsExactly(c, tag + "-a@example.com");
        assertThat(emails(api.get(q + "&email_verified=true", admin))).isEmpty();
        assertThat(emails(api.get(q + "&phone_verified=false&locked=false&has_pending_deletion=false", admin))).hasSize(3);
    }

    @Test
    void refusesBadListParametersWith400() {
        String admin = TestAdmins.loginToken(context, api);
        for (String query : List.of("limit=0", "limit=x", "offset=-1", "order=name", "email_verified=yes",
                "created_at%5B%24foo%5D=2026-01-01", "created_at%5B%24gte%5D=yesterday", "nonsense=1",
                "q=ada%00", "q=%0D%0Aada")) {
            Response bad = api.get("/admin/customers?" + query, admin);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.text("type")).as(query).isEqualTo("invalid_data");
            assertThat(bad.text("message")).as(query).startsWith("Invalid request");
        }
    }

    @Test
    void showsOneCustomerWithMaskedLoginsAndLastLogin() {
        String email = tag + "@example.com";
        String id = customer(email, "first_name", "Ada", "last_name", "Lovelace").path("id").asString();
        login(email);
        String admin = TestAdmins.loginToken(context, api);

        Response detail = api.get("/admin/customers/" + id, admin);

        assertThat(detail.status()).isEqualTo(200);
        JsonNode c = detail.body().path("customer");
        assertThat(c.path("id").asString()).isEqualTo(id);
        assertThat(c.path("email").asString()).as("the profile in full").isEqualTo(email);
        assertThat(c.path("last_name").asString()).isEqualTo("Lovelace");
        JsonNode identity = c.path("identities").get(0);
        assertThat(identity.path("provider").asString()).isEqualTo("emailpass");
        assertThat(identity.path("identifier").asString()).isEqualTo(email.charAt(0) + "***@example.com");
        assertThat(identity.path("matches_contact").asBoolean()).isTrue();
        assertThat(identity.path("locked_until").isNull()).isTrue();
        assertThat(c.path("blocked").asBoolean()).isFalse();
        assertThat(c.path("locked").asBoolean()).isFalse();
        assertThat(c.path("otp_locks").isEmpty()).isTrue();
        assertThat(c.path("deletion").isNull()).isTrue();
        assertThat(c.path("last_login_at").asString()).isNotEmpty();
        assertThat(c.path("recent_events").isArray()).isTrue();

        Response unknown = api.get("/admin/customers/cus_unknown", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("type")).isEqualTo("not_found");
    }

    @Test
    void blockingKillsALiveTokenAndLoginAnswersExactlyAsAWrongPassword() {
        String email = tag + "@example.com";
        String id = customer(email).path("id").asString();
        String token = login(email);
        String admin = TestAdmins.loginToken(context, api);

        Response blocked = api.post("/admin/customers/" + id + "/block", null, admin);

        assertThat(blocked.status()).isEqualTo(200);
        assertThat(blocked.body().path("customer").path("blocked").asBoolean()).isTrue();
        assertThat(api.me(token).status()).as("the live token died at once").isEqualTo(401);
        assertThat(api.refresh(token).status()).isEqualTo(401);
        Response rightPassword = api.loginEmail(email, PASSWORD);
        Response wrongPassword = api.loginEmail(email, "wrong-password-1");
        assertThat(rightPassword.status()).isEqualTo(401);
        assertThat(rightPassword.body()).isEqualTo(wrongPassword.body());
        assertThat(api.post("/admin/customers/" + id + "/block", null, admin).status()).as("again: no change").isEqualTo(200);

        Response unblocked = api.post("/admin/customers/" + id + "/unblock", null, admin);
        assertThat(unblocked.status()).isEqualTo(200);
        assertThat(unblocked.body().path("customer").path("blocked").asBoolean()).isFalse();
        assertThat(api.me(token).status()).as("tokens killed by the block stay dead").isEqualTo(401);
        assertThat(api.me(login(email)).status()).isEqualTo(200);
    }

    @Test
    void everyActionIsOnTheAuditTrailNamingTheAdminAndShowsInTheCustomersDetail() throws Exception {
        String email = tag + "@example.com";
        String id = customer(email).path("id").asString();
        String admin = TestAdmins.loginToken(context, api);
        String adminId = com.nimbusds.jwt.SignedJWT.parse(admin).getJWTClaimsSet().getStringClaim("actor_id");

        assertThat(api.post("/admin/customers/" + id + "/block", null, admin).status()).isEqualTo(200);
        assertThat(api.post("/admin/customers/" + id + "/unblock", null, admin).status()).isEqualTo(200);

        Response trail = api.get("/admin/audit?customer_id=" + id + "&actor=" + adminId, admin);
        assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
        assertThat(trail.body().path("events").valueStream().map(e -> e.path("type").asString()).toList())
                .containsExactlyInAnyOrder("admin.customer_blocked", "admin.customer_unblocked");
        assertThat(trail.body().path("events").valueStream().map(e -> e.path("actor_type").asString()).distinct().toList())
                .containsExactly("admin");
        JsonNode detail = api.get("/admin/customers/" + id, admin).body().path("customer");
        assertThat(detail.path("recent_events").valueStream().map(e -> e.path("type").asString()).toList())
                .contains("admin.customer_blocked", "admin.customer_unblocked", "customer.created");
    }

    @Test
    void revokingSessionsLogsOutEverywhere() {
        String email = tag + "@example.com";
        String id = customer(email).path("id").asString();
        String first = login(email);
        String second = login(email);
        String admin = TestAdmins.loginToken(context, api);

        assertThat(api.post("/admin/customers/" + id + "/revoke-sessions", null, admin).status()).isEqualTo(200);

        assertThat(api.me(first).status()).isEqualTo(401);
        assertThat(api.me(second).status()).isEqualTo(401);
        assertThat(api.me(login(email)).status()).as("signing in again works").isEqualTo(200);
        assertThat(api.post("/admin/customers/cus_unknown/revoke-sessions", null, admin).status()).isEqualTo(404);
    }

    @Test
    void cancelsAScheduledDeletionOnTheCustomersBehalf() {
        String email = tag + "@example.com";
        String id = customer(email).path("id").asString();
        String token = login(email);
        Response requested = api.requestDeletion(token, body("reason", "test"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(200);
        mailbox.awaitMessage(email, 1);
        assertThat(api.confirmDeletion(requested.text("token"), mailbox.lastCode(email)).status()).isEqualTo(200);
        String admin = TestAdmins.loginToken(context, api);
        assertThat(emails(api.get("/admin/customers?q=" + tag + "&has_pending_deletion=true", admin))).containsExactly(email);
        JsonNode scheduled = api.get("/admin/customers/" + id, admin).body().path("customer").path("deletion");
        assertThat(scheduled.path("status").asString()).isEqualTo("confirmed");
        assertThat(scheduled.path("scheduled_for").asString()).isNotEmpty();

        Response cancelled = api.post("/admin/customers/" + id + "/cancel-deletion", null, admin);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.body().path("customer").path("deletion").isNull()).isTrue();
        assertThat(api.me(login(email)).status()).as("the customer signs in again").isEqualTo(200);
        Response again = api.post("/admin/customers/" + id + "/cancel-deletion", null, admin);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("deletion_not_scheduled");
    }

    @Test
    void resendsAVerificationCodeWithoutHandingTheOperatorTheToken() {
        String email = tag + "@example.com";
        String id = customer(email).path("id").asString();
        String admin = TestAdmins.loginToken(context, api);

        Response sent = api.post("/admin/customers/" + id + "/resend-verification", body("type", "email_verification"), admin);

        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.text("type")).isEqualTo("email_verification");
        assertThat(sent.text("expires_at")).isNotEmpty();
        assertThat(sent.body().has("token")).isFalse();
        assertThat(Mailbox.text(mailbox.awaitMessage(email, 1))).contains(mailbox.lastCode(email));
        Response bad = api.post("/admin/customers/" + id + "/resend-verification", body("type", "nonsense"), admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("type")).isEqualTo("invalid_data");
    }

    @Test
    void erasingNowNeedsTheIdRepeatedAndLeavesNoPersonalDataInAnyTable() {
        String email = tag + "@example.com";
        String phone = StoreApi.newPhone();
        String id = customer(email, "phone", phone, "first_name", "Erin", "last_name", "Erased" + tag).path("id").asString();
        String token = login(email);
        String admin = TestAdmins.loginToken(context, api);
        // Leave the address in as many places as the flows do: an SMS code, a pending deletion request, a lockout row.
        assertThat(api.post("/admin/customers/" + id + "/resend-verification", body("type", "phone_verification"), admin)
                .status()).isEqualTo(200);
        sms.awaitMessage(phone, 1);
        Response requested = api.requestDeletion(token, body("reason", "bye"));
        assertThat(requested.status()).isEqualTo(200);
        mailbox.awaitMessage(email, 1);
        assertThat(PersonalDataScan.columnsHolding(jdbc, email)).as("the scan finds what is there").isNotEmpty();
        assertThat(PersonalDataScan.columnsHolding(jdbc, phone)).isNotEmpty();

        Response unconfirmed = api.post("/admin/customers/" + id + "/erase", body("confirm", "yes"), admin);
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.text("type")).isEqualTo("invalid_data");
        assertThat(api.get("/admin/customers/" + id, admin).status()).as("nothing changed").isEqualTo(200);
        assertThat(api.post("/admin/customers/" + id + "/erase", body(), admin).status()).isEqualTo(400);

        Response erased = api.post("/admin/customers/" + id + "/erase", body("confirm", id), admin);

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.text("id")).isEqualTo(id);
        assertThat(erased.body().path("deleted").asBoolean()).isTrue();
        assertThat(api.get("/admin/customers/" + id, admin).status()).isEqualTo(404);
        assertThat(api.me(token).status()).isEqualTo(401);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(401);
        assertThat(PersonalDataScan.columnsHolding(jdbc, email)).isEmpty();
        assertThat(PersonalDataScan.columnsHolding(jdbc, phone)).isEmpty();
        assertThat(PersonalDataScan.columnsHolding(jdbc, "Erased" + tag)).isEmpty();
        assertThat(api.post("/admin/customers/" + id + "/erase", body("confirm", id), admin).status())
                .as("erased already").isEqualTo(404);
    }
}
