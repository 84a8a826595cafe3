package registration.customer;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import registration.identifier.IdentifierKind;

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

    /** The customer's email or E.164 phone, or null when it has none. */
    public String address(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> email;
            case PHONE -> phone;
        };
    }

    /** Whether the customer proved to own its email ({@code email_verified}) or phone ({@code phone_verified}). */
    public boolean isVerified(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> emailVerified;
            case PHONE -> phoneVerified;
        };
    }

    /** Where a notice for the owner goes: the email when there is one, else the phone; empty for neither. */
    public Optional<IdentifierKind> ownContact() {
        return Arrays.stream(IdentifierKind.values()).filter(kind -> address(kind) != null).findFirst();
    }

    private static String blankAsNull(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }

    @Override
    public String toString() {
        return "Customer[" + id + "]"; // no personal data in logs
    }
}
