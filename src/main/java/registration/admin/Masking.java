package registration.admin;

import registration.identifier.Email;
import registration.identifier.Phone;

/**
 * How the operator API masks a login identifier, with the masks of the logs: an email keeps its first character
 * and its domain ({@code j***@example.com}), a phone its first four and last two characters ({@code +491****67}).
 */
final class Masking {

    private Masking() {
    }

    static String identifier(String value) {
        if (value == null) {
            return null;
        }
        return value.indexOf('@') > 0 ? Email.of(value).masked() : new Phone(value).masked();
    }
}
