package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpServer;

import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store's events webhook (SPEC 9): every lifecycle moment arrives as a signed {@code {id, type, occurred_at,
 * data}} POST at a real HTTP server, through the outbox, with exactly the names and fields it has always had; and the
 * audited types listed in {@code audit.webhook-types} arrive too, without an identifier, and once for a type that is
 * a store event already. ({@code account_deletion.completed} is written by the sweep: see
 * {@code AccountDeletionCompletionHttpTests}.)
 */
@NoVerificationHttpTest
@TestPropertySource(properties = {"customer-registration.notifications.events.secret=events-secret",
        "customer-registration.audit.webhook-types=login.failed,customer.created"})
class EventsWebhookHttpTests {

    record Received(JsonNode event, String signature, String body, String webhookId, String webhookTimestamp,
                    String webhookSignature) {
    }

    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    @DynamicPropertySource
    static void eventsWebhook(DynamicPropertyRegistry registry) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(JsonMapper.shared().readTree(body),
                    exchange.getRequestHeaders().getFirst("X-Signature"), new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("webhook-id"), exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        registry.add("customer-registration.notifications.events.url",
                () -> "http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;

    @Test
    void signUpContactChangeAndDeletionReachTheStoreAsSignedEventsWithExactlyTheirFields() throws Exception {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", email)).body().path("customer").path("id").asString();
        JsonNode created = awaitEvent("customer.created", customerId);
        assertThat(fields(created)).containsExactly("id", "type", "occurred_at", "data");
        assertThat(fields(created.path("data"))).containsExactly("customer_id", "email", "phone");
        assertThat(created.path("data").path("email").asString()).isEqualTo(email);
        assertThat(created.path("data").path("phone").isNull()).isTrue();
        assertThat(created.path("id").asString()).startsWith("evt_");
        assertThat(created.path("occurred_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        String token = api.loginEmail(email, PASSWORD).text("token");
        String newEmail = StoreApi.newEmail();
        String otp = api.requestContactChange(token, body("email", newEmail)).text("token");
        token = api.verifyContactChange(token, otp, mailbox.lastCode(newEmail)).text("token");
        JsonNode changed = awaitEvent("customer.contact_changed", customerId);
        assertThat(fields(changed.path("data"))).containsExactlyInAnyOrder("customer_id", "field", "value");
        assertThat(changed.path("data").path("field").asString()).isEqualTo("email");
        assertThat(changed.path("data").path("value").asString()).isEqualTo(newEmail);

        String deletion = api.requestDeletion(token, body()).text("token");
        String requestId = api.confirmDeletion(deletion, mailbox.code(newEmail, 2)).body().path("request").path("id").asString();
        JsonNode scheduled = awaitEvent("account_deletion.scheduled", customerId);
        assertThat(fields(scheduled.path("data"))).containsExactlyInAnyOrder("request_id", "customer_id", "scheduled_for");
        assertThat(scheduled.path("data").path("request_id").asString()).isEqualTo(requestId);
        assertThat(scheduled.path("data").path("scheduled_for").asString()).isNotEmpty();
        mailbox.awaitMessage(newEmail, 3); // the "scheduled" notice
        String cancel = api.requestDeletionCancel(body("email", newEmail)).text("token");
        assertThat(api.confirmDeletionCancel(cancel, mailbox.code(newEmail, 4)).status()).isEqualTo(200);
        JsonNode cancelled = awaitEvent("account_deletion.cancelled", customerId);
        assertThat(fields(cancelled.path("data"))).containsExactlyInAnyOrder("request_id", "customer_id", "scheduled_for");
        assertThat(cancelled.path("data").path("request_id").asString()).isEqualTo(requestId);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("events-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (Received r : received) {
            assertThat(r.signature()).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body().getBytes(StandardCharsets.UTF_8))));
            // Standard Webhooks (issue 18): the configured secret as is, over "id.timestamp.body".
            assertThat(r.webhookId()).startsWith("msg_");
            assertThat(r.webhookTimestamp()).matches("\\d{10}");
            assertThat(r.webhookSignature()).isEqualTo("v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(
                    (r.webhookId() + "." + r.webhookTimestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(received.stream().map(Received::webhookId).distinct().count()).isEqualTo(received.size());
        // customer.created is listed in audit.webhook-types and is a store event: it is sent once, as the store event
        // (a duplicate would have been queued in the same transaction as the first, so it would be here by now).
        assertThat(received.stream().map(Received::event).filter(e -> e.path("type").asString().equals("customer.created")
                && e.path("data").path("customer_id").asString().equals(customerId))).hasSize(1);
    }

    @Test
    void aListedAuditTypeArrivesWithTheActorAndDetailsAndNoIdentifier() throws Exception {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", email)).body().path("customer").path("id").asString();

        assertThat(api.loginEmail(email, "wrong-password-1").status()).isEqualTo(401);
        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(200);

        JsonNode failed = awaitEvent("login.failed", customerId);
        assertThat(failed.path("id").asString()).startsWith("evt_");
        assertThat(fields(failed.path("data"))).containsExactly("customer_id", "details");
        assertThat(failed.path("data").path("details").path("reason").asString()).isEqualTo("wrong_password");
        assertThat(received.stream().map(Received::body).filter(b -> b.contains(customerId)))
                .noneMatch(b -> b.contains(email) && b.contains("login."));
        assertThat(received.stream().map(Received::event)).as("login.succeeded is not listed")
                .noneMatch(e -> e.path("type").asString().equals("login.succeeded"));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static JsonNode awaitEvent(String type, String customerId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (Received r : received) {
                if (r.event().path("type").asString().equals(type)
                        && r.event().path("data").path("customer_id").asString().equals(customerId)) {
                    return r.event();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No " + type + " event for " + customerId + " within 20 s; received " + received.size());
    }
}
