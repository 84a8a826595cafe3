package registration.web;

import java.time.Duration;

/**
 * The answer when the service has more work queued than it will do in reasonable time (SPEC §11 "Errors":
 * {@code 503 service_unavailable}, code {@code overloaded}, always with Retry-After): the password-hashing queue is
 * full, or an asynchronous request outlived {@code spring.mvc.async.request-timeout}. Immediate, so that a burst of
 * logins is refused in microseconds instead of holding connections until the client gives up.
 */
public final class Overloaded {

    static final String CODE = "overloaded";

    private Overloaded() {
    }

    /** @param retryAfter when the queue will likely have room again; rounded up to whole seconds, at least 1 */
    public static ApiException error(Duration retryAfter) {
        return new ApiException(ErrorType.SERVICE_UNAVAILABLE, "The service is busy; please retry shortly", CODE,
                retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter);
    }
}
