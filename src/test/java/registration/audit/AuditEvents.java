package registration.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import tools.jackson.databind.JsonNode;

/** Reads the audit trail over HTTP ({@code GET /admin/audit}) for the audit tests. */
final class AuditEvents {

    private final StoreApi api;
    private final String admin;

    AuditEvents(StoreApi api, String adminToken) {
        this.api = api;
        this.admin = adminToken;
    }

    /** Every event of the customer, newest first. */
    List<JsonNode> ofCustomer(String customerId) {
        return list("?limit=100&customer_id=" + customerId);
    }

    List<JsonNode> list(String query) {
        Response page = api.get("/admin/audit" + query, admin);
        assertThat(page.status()).as("GET /admin/audit%s: %s", query, page).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        page.body().path("events").forEach(events::add);
        return events;
    }

    /** The newest event of {@code type} of the customer. */
    JsonNode newest(String customerId, String type) {
        return find(customerId, type).orElseThrow(() -> new AssertionError("No " + type + " event of " + customerId
                + " in " + ofCustomer(customerId)));
    }

    Optional<JsonNode> find(String customerId, String type) {
        return list("?limit=100&customer_id=" + customerId + "&type=" + type).stream().findFirst();
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asString()).toList();
    }

    /** The masked form of an email of the tests ({@code x…@example.com}): first letter, then the fixed mask. */
    static String maskedEmail(String email) {
        return email.charAt(0) + "***@" + email.charAt(email.indexOf('@') + 1) + "***"
                + email.substring(email.lastIndexOf('.'));
    }

    static String maskedPhone(String phone) {
        return "+" + "*".repeat(phone.length() - 3) + phone.substring(phone.length() - 2);
    }
}
