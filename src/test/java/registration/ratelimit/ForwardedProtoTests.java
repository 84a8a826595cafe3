package registration.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Whether a request came over HTTPS: directly, or as a trusted proxy says in X-Forwarded-Proto (nobody else). */
class ForwardedProtoTests {

    private final ForwardedProto proto = new ForwardedProto(new RateLimitSettings(true, null, "p:",
            List.of("10.0.0.0/8"), Map.of(), new RateLimitSettings.LoginLockout(10, Duration.ofMinutes(15), Duration.ofMinutes(15))));

    @Test
    void believesXForwardedProtoOnlyFromATrustedProxy() {
        assertThat(proto.https(request("10.1.2.3", "https"))).isTrue();
        assertThat(proto.https(request("10.1.2.3", "HTTPS, http"))).isTrue(); // the first proxy's view counts
        assertThat(proto.https(request("10.1.2.3", "http"))).isFalse();
        assertThat(proto.https(request("10.1.2.3", null))).isFalse();
        assertThat(proto.https(request("203.0.113.7", "https"))).isFalse(); // a client cannot claim HTTPS
    }

    @Test
    void aDirectHttpsRequestIsHttps() {
        var request = request("203.0.113.7", null);
        request.setSecure(true);
        assertThat(proto.https(request)).isTrue();
    }

    private static MockHttpServletRequest request(String peer, String forwardedProto) {
        var request = new MockHttpServletRequest("POST", "/auth/session");
        request.setRemoteAddr(peer);
        if (forwardedProto != null) {
            request.addHeader("X-Forwarded-Proto", forwardedProto);
        }
        return request;
    }
}
