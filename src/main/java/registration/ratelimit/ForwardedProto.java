package registration.ratelimit;

import java.util.List;

import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request reached the service over HTTPS: directly, or through a trusted proxy
 * ({@code rate-limit.trusted-proxies}, the same list {@link ClientAddress} believes) that says so in
 * {@code X-Forwarded-Proto}. From any other peer the header proves nothing and is ignored. Session cookies are
 * marked {@code Secure} when this is true.
 */
@Component
public class ForwardedProto {

    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final List<ClientAddress.Range> trustedProxies;

    ForwardedProto(RateLimitSettings settings) {
        this.trustedProxies = settings.trustedProxies().stream().map(ClientAddress.Range::parse).toList();
    }

    public boolean https(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeader(FORWARDED_PROTO);
        if (proto == null) {
            return false;
        }
        var peer = ClientAddress.literal(request.getRemoteAddr());
        if (peer.isEmpty() || trustedProxies.stream().noneMatch(range -> range.contains(peer.get()))) {
            return false;
        }
        // The left-most value is what the first proxy saw from the client.
        return "https".equalsIgnoreCase(proto.split(",")[0].trim());
    }
}
