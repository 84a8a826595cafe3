package registration.contact;

import java.util.Optional;

/**
 * The normalised email or E.164 phone a customer asked to switch to. It travels to the verify step only
 * inside the signed OTP token, as {@code "email:<value>"} or {@code "phone:<value>"}, so that the field is as
 * tamper-proof as the value.
 */
record NewContact(ContactField field, String value) {

    String encoded() {
        return field.id() + ":" + value;
    }

    static Optional<NewContact> decode(String encoded) {
        if (encoded != null) {
            for (ContactField field : ContactField.values()) {
                String prefix = field.id() + ":";
                if (encoded.startsWith(prefix) && encoded.length() > prefix.length()) {
                    return Optional.of(new NewContact(field, encoded.substring(prefix.length())));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "NewContact[" + field.id() + "]"; // no personal data in logs
    }
}
