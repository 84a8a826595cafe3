package registration.web;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What a string in a request body or query may contain (SPEC 10 "Input"): no NUL or other control character, no lone
 * UTF-16 surrogate, no line or paragraph separator. Such characters have no business in an email, a name or a
 * code; they end up in mail headers and bodies, log lines and SMS, and PostgreSQL refuses NUL (a 500 instead
 * of a 400). One exception: inside {@code metadata} (free-form storefront data, only ever given back as JSON,
 * never put into a message) string values may hold tabs and line breaks, as a multi-line gift note would;
 * NUL, the other controls and lone surrogates are refused there too, and so are line breaks in its keys.
 */
final class PlainText {

    private static final String FREE_FORM = "metadata";

    private PlainText() {
    }

    /** Throws 400 {@code invalid_data} naming the first field that holds a refused character. */
    static void check(JsonNode body) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            check(field.getKey(), field.getKey(), false);
            check(field.getKey(), field.getValue(), FREE_FORM.equals(field.getKey()));
        }
    }

    /** Throws 400 {@code invalid_data} when a query parameter's name or value holds a refused character. */
    static void checkParameter(String name, String value) {
        check(name, name, false);
        check(name, value, false);
    }

    private static void check(String path, JsonNode node, boolean freeForm) {
        if (node.isString()) {
            check(path, node.asString(), freeForm);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                check(path, field.getKey(), false);
                check(path + "." + field.getKey(), field.getValue(), freeForm);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                check(path, element, freeForm);
            }
        }
    }

    private static void check(String path, String value, boolean lineBreaksAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a well-formed pair: a character outside the BMP (emoji, rare scripts) is fine
            } else if (Character.isSurrogate(c)) {
                throw refused(path, "an invalid Unicode character (lone surrogate)");
            } else if (lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029')) {
                continue;
            } else if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
                throw refused(path, c == '\n' || c == '\r' || c >= '\u2028' ? "a line break" : "a control character");
            }
        }
    }

    private static ApiException refused(String path, String what) {
        return ApiException.invalid("Invalid request: Field '" + path + "' must not contain " + what);
    }
}
