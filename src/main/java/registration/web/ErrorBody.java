package registration.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error answer: {@code {type, message[, code]}} (SPEC section 2). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String type, String message, String code) {

    static ErrorBody of(ApiException e) {
        return new ErrorBody(e.errorType().type(), e.getMessage(), e.code());
    }
}
