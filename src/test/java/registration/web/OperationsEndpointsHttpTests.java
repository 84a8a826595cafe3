package registration.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/** What the public port shows operators (SPEC 9, 11 "Metrics and health"): health probes only, without details. */
@HttpTest
class OperationsEndpointsHttpTests {

    @Autowired
    StoreApi api;

    @Test
    void livenessAndReadinessAnswerUp() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            Response health = api.get(probe, null);
            assertThat(health.status()).as(probe).isEqualTo(200);
            assertThat(health.text("status")).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void metricsAndOtherOperatorEndpointsAreNotOnThePublicPort() {
        // Metrics tell anyone how many sign-ups, logins and failures the store has (SPEC 11 "Metrics and health").
        for (String path : new String[] {"/actuator/prometheus", "/actuator/%70rometheus", "/actuator/prometheus/",
                "/actuator", "/actuator/metrics", "/actuator/env", "/actuator/health/db"}) {
            Response answer = api.call("GET", path, null, null, java.util.Map.of("Accept", "text/plain"));
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.raw().body()).as(path).doesNotContain("http_server_requests");
        }
    }

    @Test
    void publicHealthSaysUpWithoutDetails() {
        Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.body().has("components")).isFalse();
        assertThat(health.body().has("details")).isFalse();
    }
}
