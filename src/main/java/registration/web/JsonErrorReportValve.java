package registration.web;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat answers some requests itself before any servlet runs (a malformed URI, a bad header); this valve
 * makes those answers the API's {@code {type, message}} JSON instead of Tomcat's HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String type = status == 404 ? "not_found" : status == 405 ? "not_allowed" : status < 500 ? "invalid_data" : "unexpected_state";
        String message = status < 500 ? "Request could not be processed" : "An unexpected error occurred";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            var writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing left to tell the client
        }
    }
}
