package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpServer;

import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events webhook after the events became records: the store's events keep their names and exactly their
 * fields, and the audited types listed in {@code audit.webhook-types} arrive too — without an identifier, and
 * once for a type that is a store event already.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false",
        "customer-registration.notifications.events.secret=events-secret",
        "customer-registration.audit.webhook-types=login.failed,customer.created"})
class AuditEventsWebhookHttpTests {

    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private static final List<String> bodies = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    @DynamicPropertySource
    static void eventsWebhook(DynamicPropertyRegistry registry) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(JsonMapper.shared().readTree(body));
            bodies.add(new String(body, StandardCharsets.UTF_8));
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
    void theStoreEventsKeepTheirNamesAndExactlyTheirFields() throws Exception {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", email)).body().path("customer").path("id").asString();
        JsonNode created = awaitEvent("customer.created", customerId);
        assertThat(fields(created)).containsExactly("id", "type", "occurred_at", "data");
        assertThat(fields(created.path("data"))).containsExactly("customer_id", "email", "phone");
        assertThat(created.path("data").path("phone").isNull()).isTrue();

        String token = api.loginEmail(email, PASSWORD).text("token");
        String newEmail = StoreApi.newEmail();
        String otp = api.requestContactChange(token, body("email", newEmail)).text("token");
        token = api.verifyContactChange(token, otp, mailbox.lastCode(newEmail)).text("token");
        JsonNode changed = awaitEvent("customer.contact_changed", customerId);
        assertThat(fields(changed.path("data"))).containsExactlyInAnyOrder("customer_id", "field", "value");

        String deletion = api.requestDeletion(token, body()).text("token");
        api.confirmDeletion(deletion, mailbox.code(newEmail, 2));
        JsonNode scheduled = awaitEvent("account_deletion.scheduled", customerId);
        assertThat(fields(scheduled.path("data"))).containsExactlyInAnyOrder("request_id", "customer_id", "scheduled_for");
        mailbox.awaitMessage(newEmail, 3); // the "scheduled" notice
        String cancel = api.requestDeletionCancel(body("email", newEmail)).text("token");
        assertThat(api.confirmDeletionCancel(cancel, mailbox.code(newEmail, 4)).status()).isEqualTo(200);
        JsonNode cancelled = awaitEvent("account_deletion.cancelled", customerId);
        assertThat(fields(cancelled.path("data"))).containsExactlyInAnyOrder("request_id", "customer_id", "scheduled_for");

        Thread.sleep(500); // a duplicate would have been queued in the same transaction as the first
        assertThat(received.stream().filter(e -> e.path("type").asString().equals("customer.created")
                && e.path("data").path("customer_id").asString().equals(customerId)))
                .as("listed in audit.webhook-types and a store event: sent once").hasSize(1);
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
        assertThat(bodies.stream().filter(b -> b.contains(customerId))).noneMatch(b -> b.contains(email) && b.contains("login."));
        assertThat(received).as("login.succeeded is not listed")
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
            for (JsonNode event : received) {
                if (event.path("type").asString().equals(type)
                        && event.path("data").path("customer_id").asString().equals(customerId)) {
                    return event;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No " + type + " event for " + customerId + " within 20 s; received " + received.size());
    }
}
