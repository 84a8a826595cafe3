package registration.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/** What operators scrape and probe (SPEC 9): health groups for orchestrators and Prometheus metrics. */
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
    void prometheusShowsRequestTimingsAndTheServiceOwnCounters() {
        api.loginEmail(StoreApi.newEmail(), "some-password"); // at least one API request is timed

        Response metrics = api.call("GET", "/actuator/prometheus", null, null, java.util.Map.of("Accept", "text/plain"));

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.raw().body())
                .contains("http_server_requests_seconds_count{")
                .contains("uri=\"/auth/customer/emailpass\"")
                .contains("customer_registration_account_deletions_completed_total");
    }
}
