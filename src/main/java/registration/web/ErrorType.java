package registration.web;

import org.springframework.http.HttpStatus;

/** The error types of SPEC section 2 with the status each is answered with. */
public enum ErrorType {
    INVALID_DATA("invalid_data", HttpStatus.BAD_REQUEST),
    PAYLOAD_TOO_LARGE("invalid_data", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("invalid_data", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    NOT_ALLOWED("not_allowed", HttpStatus.BAD_REQUEST),
    /** A known actor who is blocked (unverified login, account scheduled for deletion). */
    FORBIDDEN("not_allowed", HttpStatus.FORBIDDEN),
    METHOD_NOT_ALLOWED("not_allowed", HttpStatus.METHOD_NOT_ALLOWED),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
    NOT_FOUND("not_found", HttpStatus.NOT_FOUND),
    DUPLICATE("duplicate_error", HttpStatus.UNPROCESSABLE_CONTENT),
    CONFLICT("conflict", HttpStatus.CONFLICT),
    TOO_MANY_REQUESTS("too_many_requests", HttpStatus.TOO_MANY_REQUESTS),
    UNEXPECTED_STATE("unexpected_state", HttpStatus.INTERNAL_SERVER_ERROR),
    /** SPEC §11 "Errors": a dependency the request needs is away (code {@code database_unavailable}); always with Retry-After. */
    SERVICE_UNAVAILABLE("service_unavailable", HttpStatus.SERVICE_UNAVAILABLE);

    private final String type;
    private final HttpStatus status;

    ErrorType(String type, HttpStatus status) {
        this.type = type;
        this.status = status;
    }

    public String type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }
}
