package registration.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /admin/audit}: filters by customer, type, actor and time range, Medusa-style paging, admin users only.
 * Other suites share the database, so the assertions look at this test's own customers.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false"})
class AdminAuditHttpTests {

    private static final Comparator<JsonNode> NEWEST_FIRST = Comparator
            .comparing((JsonNode e) -> Instant.parse(e.path("occurred_at").asString()))
            .thenComparing(e -> e.path("id").asString()).reversed();

    @Autowired
    StoreApi api;
    @Autowired
    TestClock clock;
    @Autowired
    ApplicationContext context;

    /** A customer with sign-up, one failed and three successful logins: five events. */
    private String customerWithFiveEvents(String email) {
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String id = api.createCustomer(registration, body("email", email)).body().path("customer").path("id").asString();
        assertThat(api.loginEmail(email, "wrong-password-1").status()).isEqualTo(401);
        for (int i = 0; i < 3; i++) {
            assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);
        }
        return id;
    }

    private static List<JsonNode> events(Response page) {
        List<JsonNode> events = new ArrayList<>();
        page.body().path("events").forEach(events::add);
        return events;
    }

    private static List<String> ids(Response page) {
        return events(page).stream().map(e -> e.path("id").asString()).toList();
    }

    @Test
    void pagesTheEventsOfACustomerNewestFirstWithCountOffsetAndLimit() {
        String admin = TestAdmins.loginToken(context, api);
        String customerId = customerWithFiveEvents(StoreApi.newEmail());

        Response all = api.get("/admin/audit?customer_id=" + customerId, admin);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("count").asLong()).isEqualTo(5);
        assertThat(all.body().path("limit").asInt()).isEqualTo(20);
        assertThat(all.body().path("offset").asInt()).isZero();
        assertThat(events(all)).hasSize(5).isSortedAccordingTo(NEWEST_FIRST)
                .allSatisfy(e -> assertThat(e.path("customer_id").asString()).isEqualTo(customerId));
        assertThat(events(all).get(4).path("type").asString()).isEqualTo("customer.created");
        assertThat(events(all).get(0).path("id").asString()).startsWith("sev_");

        Response page = api.get("/admin/audit?customer_id=" + customerId + "&limit=2&offset=1", admin);
        assertThat(page.body().path("count").asLong()).isEqualTo(5);
        assertThat(page.body().path("limit").asInt()).isEqualTo(2);
        assertThat(page.body().path("offset").asInt()).isEqualTo(1);
        assertThat(ids(page)).isEqualTo(ids(all).subList(1, 3));

        Response capped = api.get("/admin/audit?limit=1000", admin);
        assertThat(capped.status()).isEqualTo(200);
        assertThat(capped.body().path("limit").asInt()).isEqualTo(100);
        assertThat(events(capped)).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void filtersByTypeActorAndTimeRange() {
        String admin = TestAdmins.loginToken(context, api);
        String customerId = customerWithFiveEvents(StoreApi.newEmail());
        String of = "/admin/audit?customer_id=" + customerId;

        Response logins = api.get(of + "&type=login.succeeded", admin);
        assertThat(logins.body().path("count").asLong()).isEqualTo(3);
        assertThat(events(logins)).allSatisfy(e -> assertThat(e.path("type").asString()).isEqualTo("login.succeeded"));

        Response byTheCustomer = api.get(of + "&actor=" + customerId, admin);
        assertThat(byTheCustomer.body().path("count").asLong()).as("all but the failed login").isEqualTo(4);
        Response anonymous = api.get(of + "&actor=anonymous", admin);
        assertThat(events(anonymous)).singleElement()
                .satisfies(e -> assertThat(e.path("type").asString()).isEqualTo("login.failed"));
        assertThat(api.get(of + "&actor=customer", admin).body().path("count").asLong()).isEqualTo(4);
        assertThat(api.get(of + "&actor=system", admin).body().path("count").asLong()).isZero();

        List<JsonNode> all = events(api.get(of, admin));
        Instant created = Instant.parse(all.get(4).path("occurred_at").asString());
        Instant newest = Instant.parse(all.get(0).path("occurred_at").asString());
        assertThat(api.get(of + "&from=" + newest.plusMillis(1), admin).body().path("count").asLong())
                .as("from is inclusive, nothing after the newest").isZero();
        assertThat(api.get(of + "&to=" + created, admin).body().path("count").asLong())
                .as("to is exclusive, nothing before the first").isZero();
        assertThat(api.get(of + "&from=" + created + "&to=" + newest.plusMillis(1), admin).body().path("count").asLong())
                .isEqualTo(5);
    }

    @Test
    void refusesBadFiltersAndPagingWith400() {
        String admin = TestAdmins.loginToken(context, api);
        for (String query : List.of("?limit=0", "?offset=-1", "?limit=x", "?from=yesterday",
                "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "?type=login%00", "?customer_id=cus_%01")) {
            Response answer = api.get("/admin/audit" + query, admin);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.text("type")).as(query).isEqualTo("invalid_data");
            assertThat(answer.text("message")).as(query).isNotBlank();
        }
        assertThat(api.get("/admin/audit?from=yesterday", admin).text("message"))
                .isEqualTo("Invalid request: Field 'from' must be an ISO-8601 UTC time, e.g. 2026-03-12T10:15:00.000Z");
    }

    @Test
    void answers401WithoutAnAdminToken() {
        String email = StoreApi.newEmail();
        customerWithFiveEvents(email);
        String customerToken = api.loginEmail(email, PASSWORD).text("token");

        for (String token : new String[] {null, customerToken, "not-a-token"}) {
            Response answer = api.get("/admin/audit", token);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.text("type")).isEqualTo("unauthorized");
            assertThat(answer.body().has("events")).isFalse();
        }
    }
}
