package registration.contact;

/**
 * A customer's email or phone was replaced by a verified new value ({@code field} is {@code email} or
 * {@code phone}; {@code oldValue} is null when the field was empty). Published inside the change's transaction.
 */
public record ContactChanged(String customerId, String field, String oldValue, String newValue) {

    @Override
    public String toString() {
        return "ContactChanged[" + customerId + ", " + field + "]"; // no personal data in logs
    }
}
