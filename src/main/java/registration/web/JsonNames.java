package registration.web;

import java.util.Locale;

/** The JSON name of a Java record component under the API's snake_case convention ({@code firstName} → {@code first_name}). */
final class JsonNames {

    private JsonNames() {
    }

    static String of(String javaName) {
        return javaName.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
