package registration.web;

import java.time.Duration;
import java.util.Map;

/**
 * The one exception a use case throws to answer with an error. Rendered as {@code {type, message[, code]}}
 * by {@link ApiErrorHandler}; {@code retryAfter} becomes the {@code Retry-After} header of a 429.
 */
public class ApiException extends RuntimeException {

    private final ErrorType errorType;
    private final String code;
    private final Duration retryAfter;
    private final Map<String, Object> details;

    public ApiException(ErrorType errorType, String message) {
        this(errorType, message, null, null);
    }

    public ApiException(ErrorType errorType, String message, String code) {
        this(errorType, message, code, null);
    }

    public ApiException(ErrorType errorType, String message, String code, Duration retryAfter) {
        this(errorType, message, code, retryAfter, Map.of());
    }

    private ApiException(ErrorType errorType, String message, String code, Duration retryAfter,
                         Map<String, Object> details) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.code = code;
        this.retryAfter = retryAfter;
        this.details = Map.copyOf(details);
    }

    /**
     * The same error with extra fields in its body beside {@code type, message, code} (snake_case names): e.g.
     * the {@code token} and {@code expires_at} of the code already sent, on {@code /otp/send}'s 429.
     */
    public ApiException withDetails(Map<String, Object> details) {
        return new ApiException(errorType, getMessage(), code, retryAfter, details);
    }

    public static ApiException invalid(String message) {
        return new ApiException(ErrorType.INVALID_DATA, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(ErrorType.UNAUTHORIZED, message);
    }

    public static ApiException tooManyRequests(String message, String code, Duration retryAfter) {
        return new ApiException(ErrorType.TOO_MANY_REQUESTS, message, code, retryAfter);
    }

    public ErrorType errorType() {
        return errorType;
    }

    public String code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public Map<String, Object> details() {
        return details;
    }
}
