package registration.customer;

import java.time.Instant;
import java.util.Map;

/** A customer row. {@code metadata} is a JSON object; {@code email}/{@code phone} are normalised or null. */
public record Customer(String id, String email, String phone, String firstName, String lastName, String companyName,
                       Map<String, Object> metadata, boolean hasAccount, boolean emailVerified,
                       boolean phoneVerified, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    /** What message templates may say about the customer: {@code {{customer.first_name}}}, … */
    public java.util.Map<String, Object> templateModel() {
        var model = new java.util.HashMap<String, Object>();
        model.put("first_name", firstName);
        model.put("last_name", lastName);
        model.put("email", email);
        model.put("phone", phone);
        return model;
    }

    @Override
    public String toString() {
        return "Customer[" + id + "]"; // no personal data in logs
    }
}
