package registration.customer;

import java.time.Instant;
import java.util.Map;

/** A customer row. {@code metadata} is a JSON object; {@code email}/{@code phone} are normalised or null. */
public record Customer(String id, String email, String phone, String firstName, String lastName, String companyName,
                       Map<String, Object> metadata, boolean hasAccount, boolean emailVerified,
                       boolean phoneVerified, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    /**
     * What message templates may say about the customer: {@code {{customer.first_name}}}, … Names are free text
     * anyone can type at sign-up, so they go only into messages to addresses the customer proved to own (SPEC 10
     * "Input"): while the customer has an unverified email or phone, the model holds no name, or someone
     * could sign up with a stranger's address and have us mail them a text of their choosing. A message to an
     * address that is not the customer's yet (a contact change's new address) must not pass this model at all.
     */
    public java.util.Map<String, Object> templateModel() {
        var model = new java.util.HashMap<String, Object>();
        boolean everyAddressProven = (email == null || emailVerified) && (phone == null || phoneVerified);
        model.put("first_name", everyAddressProven ? blankAsNull(firstName) : null); // "Hello ," never
        model.put("last_name", everyAddressProven ? blankAsNull(lastName) : null);
        model.put("email", email);
        model.put("phone", phone);
        return model;
    }

    private static String blankAsNull(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }

    @Override
    public String toString() {
        return "Customer[" + id + "]"; // no personal data in logs
    }
}
