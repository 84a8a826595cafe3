package registration.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;

/** Per-client-IP token buckets on the unauthenticated route groups, and whose address counts. */
@LimitedHttpTest
class RateLimitHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    TestClock clock;
    @Value("${local.server.port}")
    int port;

    @Test
    void answersTooManyRequestsWithRetryAfterOnceTheBucketIsEmpty() {
        String client = Clients.next();
        for (int i = 0; i < 3; i++) {
            assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(200);
        }

        Response limited = api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("type")).isEqualTo("too_many_requests");
        assertThat(limited.text("code")).isEqualTo("rate_limited");
        // capacity 3, 1 per minute: the next token comes within a minute
        assertThat(limited.header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
    }

    @Test
    void refusesBeforeTheRequestDoesAnything() {
        String client = Clients.next();
        for (int i = 0; i < 3; i++) {
            api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client);
        }
        String email = StoreApi.newEmail();

        assertThat(api.registerEmailForwarded(email, PASSWORD, client).status()).isEqualTo(429);

        assertThat(api.loginEmail(email, PASSWORD).status()).isEqualTo(401); // the refused sign-up never happened
    }

    @Test
    void refillsTheBucketAsTimePasses() {
        String client = Clients.next();
        for (int i = 0; i < 3; i++) {
            api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client);
        }
        Response limited = api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client);
        assertThat(limited.status()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(Long.parseLong(limited.header("Retry-After").orElseThrow())));

        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(200);
        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(429);
    }

    @Test
    void keepsEachClientToItsOwnBucket() {
        String greedy = Clients.next();
        for (int i = 0; i < 4; i++) {
            api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, greedy);
        }
        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, greedy).status()).isEqualTo(429);

        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, Clients.next()).status()).isEqualTo(200);
    }

    @Test
    void countsEveryRouteOfAGroupAgainstOneBucket() {
        String client = Clients.next();
        for (int i = 0; i < 10; i++) {
            assertThat(api.loginEmailForwarded(StoreApi.newEmail(), "wrong-password", client).status()).isEqualTo(401);
            assertThat(api.loginAdminForwarded(StoreApi.newEmail(), "wrong-password", client).status()).isEqualTo(401);
        }

        assertThat(api.loginAdminForwarded(StoreApi.newEmail(), "wrong-password", client).status()).isEqualTo(429);
        assertThat(api.postForwarded("/auth/customer/phonepass", body("phone", StoreApi.newPhone(), "password", "x"),
                client).status()).isEqualTo(429);
        // another group keeps its own bucket
        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client).status()).isEqualTo(200);
    }

    @Test
    void limitsEveryUnauthenticatedRouteGroup() {
        // capacity 2 for these groups in this suite (and refilled by one a minute); the answers before the limit depend on the route, not on us
        Map<String, Map<String, Object>> routes = Map.of(
                "/store/customers/otp/send", body("customer_id", "cus_unknown", "type", "email_verification"),
                "/store/customers/otp/verify", body("token", "not-a-token", "code", "000000"),
                "/store/customers/account-deletion/confirm", body("token", "not-a-token", "code", "000000"),
                "/store/customers/account-deletion/cancel-confirm", body("token", "not-a-token", "code", "000000"),
                "/auth/customer/emailpass/reset-password", body("identifier", StoreApi.newEmail()),
                "/store/customers/account-deletion/cancel-request", body("email", StoreApi.newEmail()));
        routes.forEach((path, request) -> {
            String client = Clients.next();
            for (int i = 0; i < 2; i++) {
                assertThat(api.postForwarded(path, request, client).status()).as(path).isNotEqualTo(429);
            }
            Response limited = api.postForwarded(path, request, client);
            assertThat(limited.status()).as(path).isEqualTo(429);
            assertThat(limited.header("Retry-After")).as(path).isPresent();
        });
    }

    @Test
    void leavesOtherRoutesAlone() {
        String client = Clients.next();
        for (int i = 0; i < 10; i++) {
            assertThat(api.call("GET", "/store/customers/me", null, null, Map.of("X-Forwarded-For", client)).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void ignoresForwardedForFromAPeerThatIsNoTrustedProxy() {
        // 127.0.0.2 is not a trusted proxy here: whatever it claims, it is the client
        PeerClient untrusted = new PeerClient("127.0.0.2", port);
        int limitedAt = 0;
        for (int i = 1; i <= 10 && limitedAt == 0; i++) {
            var answer = untrusted.post("/auth/customer/emailpass/register",
                    "{\"email\":\"" + StoreApi.newEmail() + "\",\"password\":\"" + PASSWORD + "\"}",
                    Map.of("X-Forwarded-For", Clients.next()));
            if (answer.status() == 429) {
                limitedAt = i;
                assertThat(answer.headers()).containsKey("retry-after");
            }
        }
        assertThat(limitedAt).isEqualTo(4);
    }

    @Test
    void takesTheClientFromForwardedForBehindATrustedProxy() {
        String client = Clients.next();
        for (int i = 0; i < 3; i++) {
            // what the client wrote itself (left of the address our proxy appended) changes nothing
            assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, Clients.next() + ", " + client)
                    .status()).isEqualTo(200);
        }
        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, Clients.next() + ", " + client).status())
                .isEqualTo(429);
        // and a chain through our own proxies ends at the same client
        assertThat(api.registerEmailForwarded(StoreApi.newEmail(), PASSWORD, client + ", 127.0.0.1").status())
                .isEqualTo(429);
    }

    @Test
    void letsABrowserStorefrontReadTheRefusal() {
        String client = Clients.next();
        Map<String, String> headers = Map.of("X-Forwarded-For", client, "Origin", "https://shop.example");
        for (int i = 0; i < 3; i++) {
            api.call("POST", "/auth/customer/emailpass/register", body("email", StoreApi.newEmail(), "password", PASSWORD),
                    null, headers);
        }

        Response limited = api.call("POST", "/auth/customer/emailpass/register",
                body("email", StoreApi.newEmail(), "password", PASSWORD), null, headers);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Access-Control-Allow-Origin")).contains("https://shop.example");
        assertThat(limited.header("Access-Control-Expose-Headers").orElse("")).containsIgnoringCase("Retry-After");
    }

    @Test
    void customerCreationSpendsTheRegisterBucket() {
        // The attack: one client writing customer rows without end through the second step of sign-up.
        String client = Clients.next();
        String first = StoreApi.newEmail();
        String token = api.registerEmailForwarded(first, PASSWORD, client).text("token");
        assertThat(api.createCustomerForwarded(token, body("email", first), client).status()).isEqualTo(200);
        String second = StoreApi.newEmail();
        String another = api.registerEmailForwarded(second, PASSWORD, client).text("token"); // the 3rd and last token

        Response limited = api.createCustomerForwarded(another, body("email", second), client);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("rate_limited");
        assertThat(api.createCustomerForwarded(another, body("email", second), Clients.next()).status())
                .as("nothing was written by the refused request").isEqualTo(200);
    }

    @Test
    void contactChangeRequestsHaveTheirOwnBucket() {
        // The attack: many accounts of one client asking "is this address taken?" (each account is throttled).
        String client = Clients.next();
        for (int i = 0; i < 2; i++) {
            Response answer = api.call("POST", "/store/customers/me/contact", body("email", StoreApi.newEmail()),
                    signedInCustomer(), Map.of("X-Forwarded-For", client));
            assertThat(answer.status()).isEqualTo(200);
        }

        Response limited = api.call("POST", "/store/customers/me/contact", body("email", StoreApi.newEmail()),
                signedInCustomer(), Map.of("X-Forwarded-For", client));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("rate_limited");
    }

    /** A fresh customer's login token, signed up and logged in from clients of their own. */
    private String signedInCustomer() {
        String email = StoreApi.newEmail();
        String client = Clients.next();
        String token = api.registerEmailForwarded(email, PASSWORD, client).text("token");
        assertThat(api.createCustomerForwarded(token, body("email", email), client).status()).isEqualTo(200);
        return api.loginEmailForwarded(email, PASSWORD, Clients.next()).text("token");
    }
}
