package registration.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/** With {@code management.server.port} set, Prometheus and detailed health are served there, and only there. */
@HttpTest
// Closed after the class: a cached context is paused when the next class needs another one, and Boot does not
// close the management port's child context of a paused context, whose server would outlive the tests.
@DirtiesContext
@TestPropertySource(properties = {"management.server.port=0", "management.endpoint.health.show-details=always"})
class ManagementPortHttpTests {

    @Autowired
    StoreApi api;
    @LocalManagementPort
    int managementPort;

    @Test
    void prometheusShowsRequestTimingsAndTheServiceOwnCountersOnTheManagementPort() {
        api.loginEmail(StoreApi.newEmail(), "some-password"); // at least one API request is timed
        StoreApi management = StoreApi.forPort(managementPort);

        Response metrics = management.call("GET", "/actuator/prometheus", null, null, Map.of("Accept", "text/plain"));

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.raw().body())
                .contains("http_server_requests_seconds_count{")
                .contains("uri=\"/auth/customer/emailpass\"")
                .contains("customer_registration_account_deletions_completed_total");
        assertThat(management.get("/actuator/health", null).body().has("components")).as("detailed health").isTrue();
    }

    @Test
    void detailedHealthShowsTheDatabaseAndDeliveryAndNoMailThatCouldTurnIt503() {
        Response health = StoreApi.forPort(managementPort).get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        var components = health.body().path("components");
        assertThat(components.path("database").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("delivery").path("details").has("paused_channels")).isTrue();
        assertThat(components.has("mail")).as("an SMTP outage must not make the service look down").isFalse();
        assertThat(components.has("db")).as("replaced by database, which never waits for the pool").isFalse();
    }

    @Test
    void thePublicPortStillServesTheProbesAndNoMetrics() {
        assertThat(api.get("/livez", null).status()).isEqualTo(200);
        assertThat(api.get("/readyz", null).text("status")).isEqualTo("UP");
        assertThat(api.get("/readyz", null).body().has("components")).isFalse();
        assertThat(api.call("GET", "/actuator/prometheus", null, null, Map.of("Accept", "text/plain")).status()).isEqualTo(404);
    }
}
