package registration.web;

import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.context.MessageSourceResolvable;


/**
 * Renders every failure as {@code {type, message[, code]}} with the status of SPEC section 2. Anything
 * not foreseen becomes {@code unexpected_state} without a stack trace or SQL in the answer.
 */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
    private static final Set<String> REQUIRED_CODES = Set.of("NotNull", "NotBlank", "NotEmpty");

    private final ErrorResponses responses;

    ApiErrorHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e) {
        return responses.entity(e);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorBody> invalidBody(MethodArgumentNotValidException e) {
        FieldError error = e.getBindingResult().getFieldError();
        String message = error == null ? "Invalid request" : describe(error.getField(), error);
        return responses.entity(ApiException.invalid(message));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ErrorBody> invalidParameter(HandlerMethodValidationException e) {
        var result = e.getParameterValidationResults().get(0);
        String name = result.getMethodParameter().getParameterName();
        return responses.entity(ApiException.invalid(describe(name, result.getResolvableErrors().get(0))));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        return responses.entity(ApiException.invalid("Invalid request: the body is not valid JSON"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException e) {
        return responses.entity(ApiException.invalid("Invalid request: Invalid value for '" + e.getName() + "'"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException e) {
        return responses.entity(ApiException.invalid("Invalid request: Field '" + e.getParameterName() + "' is required"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
        return responses.entity(new ApiException(ErrorType.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ErrorBody> refused = responses.entity(new ApiException(ErrorType.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not allowed on this route"));
        // RFC 9110: a 405 says which methods the route has.
        return e.getSupportedHttpMethods() == null ? refused
                : ResponseEntity.status(refused.getStatusCode()).headers(refused.getHeaders())
                        .allow(e.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new))
                        .body(refused.getBody());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorBody> noRoute(Exception e) {
        return responses.entity(new ApiException(ErrorType.NOT_FOUND, "Route not found"));
    }

    /**
     * An asynchronous route (one waiting for a password hash) outlived {@code spring.mvc.async.request-timeout}: the
     * service is too busy to answer in time, so it says so as a full hashing queue does.
     */
    @ExceptionHandler(AsyncRequestTimeoutException.class)
    ResponseEntity<ErrorBody> asyncTimeout(AsyncRequestTimeoutException e) {
        log.warn("Answered 503: an asynchronous request outlived spring.mvc.async.request-timeout");
        return responses.entity(Overloaded.error(Duration.ofSeconds(5)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        if (DatabaseUnavailable.causes(e)) {
            // Expected while the database is away: one line, no stack trace (and no SQL, which may quote values).
            log.warn("Answered 503: the database cannot be reached ({})", DatabaseUnavailable.describe(e));
            return responses.entity(DatabaseUnavailable.error());
        }
        log.error("Unexpected failure", e);
        return responses.entity(new ApiException(ErrorType.UNEXPECTED_STATE, "An unexpected error occurred"));
    }

    private static String describe(String javaName, MessageSourceResolvable error) {
        String field = JsonNames.of(javaName);
        String[] codes = error.getCodes();
        String constraint = codes == null || codes.length == 0 ? "" : codes[codes.length - 1];
        if (REQUIRED_CODES.contains(constraint)) {
            return "Invalid request: Field '" + field + "' is required";
        }
        return "Invalid request: Field '" + field + "' " + error.getDefaultMessage();
    }
}
