package registration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import registration.CustomerRegistrationApplication;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestServices;

/**
 * Issue 16, point 9: a user who points the embedded database elsewhere with a plain H2 URL (no
 * {@code MODE=PostgreSQL}) used to get a service that started and then answered 500 to every sign-up. The
 * whole application starts here on such a URL, with its zero-configuration defaults, and signs a customer up.
 */
class PlainH2UrlHttpTests {

    @Test
    void aPlainH2FileUrlSignsCustomersUp() {
        assumeFalse(TestServices.onPostgres(), "about H2 only: runs once, in the H2 run");
        var app = new SpringApplication(CustomerRegistrationApplication.class);
        try (var context = app.run("--server.port=0", "--logging.level.root=WARN",
                "--spring.datasource.url=jdbc:h2:file:./target/plain-h2/" + UUID.randomUUID(),
                "--customer-registration.jwt.secret=" + TestServices.JWT_SECRET)) {
            var api = StoreApi.forPort(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
            String email = StoreApi.newEmail();

            Response registered = api.registerEmail(email, StoreApi.PASSWORD);
            assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
            // creation sends the verification code at once: the throttle's INSERT … ON CONFLICT runs too
            Response created = api.createCustomer(registered.text("token"), StoreApi.body("email", email));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(created.body().path("verification").path("token").asString()).isNotEmpty();
            assertThat(api.registerEmail(email, "another-password-1").status()).as("unique, case-folded").isEqualTo(401);
        }
    }
}
