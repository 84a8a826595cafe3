package registration.web;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an {@link ApiException} into the HTTP answer, both for controllers (through
 * {@link ApiErrorHandler}) and for servlet filters that answer before any controller runs.
 */
@Component
public class ErrorResponses {

    private final JsonMapper json;

    ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    ResponseEntity<ErrorBody> entity(ApiException e) {
        var builder = ResponseEntity.status(e.errorType().status()).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e));
        }
        return builder.body(ErrorBody.of(e));
    }

    /** For filters: writes the error straight to the servlet response. */
    public void write(HttpServletResponse response, ApiException e) throws IOException {
        response.setStatus(e.errorType().status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (e.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e));
        }
        json.writeValue(response.getOutputStream(), ErrorBody.of(e));
    }

    private static String retryAfterSeconds(ApiException e) {
        long millis = e.retryAfter().toMillis();
        return Long.toString(Math.max(1, (millis + 999) / 1000)); // round up: never invite a retry too early
    }
}
