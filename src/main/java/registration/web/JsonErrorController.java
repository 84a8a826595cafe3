package registration.web;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors raised outside Spring MVC (the servlet container's own 400s, filters) are forwarded to
 * {@code /error}; answer them in the same {@code {type, message}} shape instead of Boot's default.
 */
@RestController
class JsonErrorController implements ErrorController {

    private final ErrorResponses responses;

    JsonErrorController(ErrorResponses responses) {
        this.responses = responses;
    }

    @RequestMapping("/error")
    ResponseEntity<ErrorBody> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseUnavailable.causes(failure)) { // from a filter that reads the database (login lockouts)
            return responses.entity(DatabaseUnavailable.error());
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        ErrorType type = switch (status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status) {
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorType.METHOD_NOT_ALLOWED;
            case UNAUTHORIZED -> ErrorType.UNAUTHORIZED;
            case CONTENT_TOO_LARGE -> ErrorType.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ErrorType.UNSUPPORTED_MEDIA_TYPE;
            case BAD_REQUEST -> ErrorType.INVALID_DATA;
            default -> ErrorType.UNEXPECTED_STATE;
        };
        String message = type == ErrorType.UNEXPECTED_STATE ? "An unexpected error occurred" : "Request could not be processed";
        return responses.entity(new ApiException(type, message));
    }
}
