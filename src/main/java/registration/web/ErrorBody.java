package registration.web;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer: {@code {type, message[, code]}} (SPEC section 2), plus, in the few cases
 * that need them, extra fields ({@link ApiException#withDetails}) written beside those three.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String type, String message, String code, @JsonAnyGetter Map<String, Object> details) {

    static ErrorBody of(ApiException e) {
        return new ErrorBody(e.errorType().type(), e.getMessage(), e.code(), e.details());
    }
}
