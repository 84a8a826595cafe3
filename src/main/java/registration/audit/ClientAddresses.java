package registration.audit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which address a request came from, with the proxy trust of the rate limits ({@code rate-limit.trusted-proxies}):
 * the audit trail records it with every event published while serving a request.
 */
public interface ClientAddresses {

    /** The client's IP address; {@code X-Forwarded-For} counts only from a trusted proxy. */
    String clientOf(HttpServletRequest request);
}
