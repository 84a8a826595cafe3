package registration.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTests {

    private static ClientAddress trusting(String... proxies) {
        return new ClientAddress(new RateLimitSettings(true, null, "p:", List.of(proxies), Map.of(),
                new RateLimitSettings.LoginLockout(10, java.time.Duration.ofMinutes(15), java.time.Duration.ofMinutes(15))));
    }

    @Test
    void ignoresForwardedForFromAPeerThatIsNoTrustedProxy() {
        var clients = trusting("10.0.0.0/8");

        assertThat(clients.client("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(trusting().client("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void takesTheRightMostAddressThatIsNoTrustedProxy() {
        var clients = trusting("10.0.0.0/8", "192.0.2.10");

        assertThat(clients.client("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // the client wrote the left-most entries itself; the proxies appended the rest
        assertThat(clients.client("10.1.2.3", List.of("1.1.1.1", " 198.51.100.1", " 192.0.2.10", "10.9.9.9")))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void usesThePeerWhenATrustedProxySendsNoForwardedFor() {
        assertThat(trusting("10.0.0.0/8").client("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void stopsAtTheLeftMostAddressWhenEveryHopIsTrusted() {
        assertThat(trusting("10.0.0.0/8").client("10.1.2.3", List.of("10.0.0.7", "10.0.0.8"))).isEqualTo("10.0.0.7");
    }

    @Test
    void keepsTheLastAddressItCanVouchForWhenAnEntryIsNoAddress() {
        var clients = trusting("10.0.0.0/8");

        assertThat(clients.client("10.1.2.3", List.of("198.51.100.1", "unknown"))).isEqualTo("10.1.2.3");
        assertThat(clients.client("10.1.2.3", List.of("evil.example.com", "10.0.0.9"))).isEqualTo("10.0.0.9");
    }

    @Test
    void readsAddressesWithPortsAndBrackets() {
        var clients = trusting("10.0.0.0/8");

        assertThat(clients.client("10.1.2.3", List.of("198.51.100.1:4711"))).isEqualTo("198.51.100.1");
        assertThat(clients.client("10.1.2.3", List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
        assertThat(ClientAddress.literal("999.1.1.1")).isEmpty();
        assertThat(ClientAddress.literal("1.2.3")).isEmpty();
        assertThat(ClientAddress.literal("localhost")).isEmpty();
    }

    @Test
    void countsAnIpv6ClientPerSlash64() {
        var clients = trusting();

        assertThat(clients.client("2001:db8:1:2:aaaa::1", List.of())).isEqualTo(clients.client("2001:db8:1:2:bbbb::2", List.of()));
        assertThat(clients.client("2001:db8:1:2::1", List.of())).isNotEqualTo(clients.client("2001:db8:1:3::1", List.of()));
    }

    @Test
    void matchesIpv6ProxyBlocksAndMappedIpv4() {
        var clients = trusting("fd00::/8", "::1");

        assertThat(clients.client("fd12:3456::1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(clients.client("0:0:0:0:0:0:0:1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(clients.client("::ffff:198.51.100.7", List.of())).isEqualTo("198.51.100.7");
    }

    @Test
    void joinsRepeatedForwardedForHeadersInOrder() {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr("10.1.2.3");
        request.addHeader("X-Forwarded-For", "1.1.1.1, 198.51.100.1");
        request.addHeader("X-Forwarded-For", "10.0.0.5");

        assertThat(trusting("10.0.0.0/8").of(request)).isEqualTo("198.51.100.1");
    }

    @Test
    void refusesATrustedProxyEntryThatIsNoAddressOrBlockNamingTheKey() {
        for (String bad : new String[] {"proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "fd00::/129", ""}) {
            assertThatThrownBy(() -> trusting(bad)).as(bad)
                    .hasMessageContaining("customer-registration.rate-limit.trusted-proxies");
        }
    }
}
