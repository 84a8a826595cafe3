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

import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /admin/account-deletion-requests}. Other suites share the database, so the assertions look at
 * this test's own requests and at the properties of the whole list rather than at exact totals.
 */
@NoVerificationHttpTest
@TestPropertySource(properties = "customer-registration.account-deletion-request.scheduled-days=0")
class AdminDeletionRequestsHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    ApplicationContext context;

    @Test
    void listsRequestsNewestFirstWithCountOffsetAndLimit() {
        String admin = TestAdmins.loginToken(context, api);
        List<String> mine = List.of(pendingRequest(admin, "first"), pendingRequest(admin, "second"),
                pendingRequest(admin, "third"));

        Response all = api.adminDeletionRequests(admin, "?status=pending&limit=100");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("offset").asInt()).isZero();
        assertThat(all.body().path("limit").asInt()).isEqualTo(100);
        List<JsonNode> listed = list(all);
        assertThat(listed).allSatisfy(r -> assertThat(r.path("status").asString()).isEqualTo("pending"));
        assertThat(all.body().path("count").asLong()).isGreaterThanOrEqualTo(listed.size()).isGreaterThanOrEqualTo(3);
        assertThat(listed).isSortedAccordingTo(NEWEST_FIRST);
        List<String> ids = listed.stream().map(r -> r.path("id").asString()).toList();
        assertThat(ids).containsSubsequence(mine.get(2), mine.get(1), mine.get(0));

        JsonNode third = listed.get(ids.indexOf(mine.get(2)));
        assertThat(third.path("reason").asString()).isEqualTo("third");
        assertThat(third.path("customer_id").asString()).startsWith("cus_");
        assertThat(third.path("email").asString()).contains("@");
        assertThat(third.has("scheduled_for")).isTrue();
        assertThat(third.has("completed_at")).isTrue();

        Response page = api.adminDeletionRequests(admin, "?status=pending&limit=2&offset=1");
        assertThat(page.body().path("offset").asInt()).isEqualTo(1);
        assertThat(page.body().path("limit").asInt()).isEqualTo(2);
        assertThat(page.body().path("count").asLong()).isEqualTo(all.body().path("count").asLong());
        assertThat(list(page).stream().map(r -> r.path("id").asString()).toList()).isEqualTo(ids.subList(1, 3));
    }

    @Test
    void defaultsToTwentyCapsTheLimitAtAHundredAndFiltersByStatus() {
        String admin = TestAdmins.loginToken(context, api);
        pendingRequest(admin, "any");

        Response defaults = api.adminDeletionRequests(admin, "");
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.body().path("limit").asInt()).isEqualTo(20);
        assertThat(defaults.body().path("offset").asInt()).isZero();
        assertThat(list(defaults)).hasSizeLessThanOrEqualTo(20).isSortedAccordingTo(NEWEST_FIRST);

        Response capped = api.adminDeletionRequests(admin, "?limit=1000");
        assertThat(capped.status()).isEqualTo(200);
        assertThat(capped.body().path("limit").asInt()).isEqualTo(100);

        for (String status : List.of("pending", "confirmed", "completed", "cancelled")) {
            Response filtered = api.adminDeletionRequests(admin, "?status=" + status);
            assertThat(filtered.status()).isEqualTo(200);
            assertThat(list(filtered)).allSatisfy(r -> assertThat(r.path("status").asString()).isEqualTo(status));
        }
    }

    @Test
    void refusesInvalidParameters() {
        String admin = TestAdmins.loginToken(context, api);
        for (String query : List.of("?limit=0", "?limit=-5", "?offset=-1", "?status=deleted", "?limit=abc", "?offset=1.5")) {
            Response answer = api.adminDeletionRequests(admin, query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.text("type")).as(query).isEqualTo("invalid_data");
        }
        assertThat(api.adminDeletionRequests(admin, "?status=deleted").text("message"))
                .isEqualTo("Invalid request: Field 'status' must be one of: pending, confirmed, completed, cancelled");
    }

    @Test
    void refusesCustomerTokensAndAnonymousCallers() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String customer = api.loginEmail(email, PASSWORD).text("token");

        Response asCustomer = api.adminDeletionRequests(customer, "");
        assertThat(asCustomer.status()).isEqualTo(401);
        assertThat(asCustomer.text("type")).isEqualTo("unauthorized");
        assertThat(api.adminDeletionRequests(null, "").status()).isEqualTo(401);
        assertThat(api.me(TestAdmins.loginToken(context, api)).status()).isEqualTo(401);
    }

    private static final Comparator<JsonNode> NEWEST_FIRST = Comparator
            .comparing((JsonNode r) -> Instant.parse(r.path("created_at").asString())).reversed()
            .thenComparing(r -> r.path("id").asString(), Comparator.reverseOrder());

    /** A new customer's pending deletion request; returns its id. */
    private String pendingRequest(String admin, String reason) {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String token = api.loginEmail(email, PASSWORD).text("token");
        assertThat(api.requestDeletion(token, body("reason", reason)).status()).isEqualTo(200);
        Response mine = api.adminDeletionRequests(admin, "?status=pending&limit=100");
        return list(mine).stream().filter(r -> r.path("email").asString().equals(email)).findFirst()
                .orElseThrow().path("id").asString();
    }

    private static List<JsonNode> list(Response response) {
        List<JsonNode> requests = new ArrayList<>();
        response.body().path("requests").forEach(requests::add);
        return requests;
    }
}
