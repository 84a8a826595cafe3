package registration.customer;

import java.util.Map;

import jakarta.validation.constraints.Size;
import registration.identifier.IdentifierKind;

/** Body of {@code POST /store/customers}. Verified flags are not fields: sending them is refused as unknown. */
public record NewCustomerRequest(String email, String phone,
                                 @Size(max = 255) String firstName,
                                 @Size(max = 255) String lastName,
                                 @Size(max = 255) String companyName,
                                 Map<String, Object> metadata) {

    /** The {@code email} or {@code phone} field as sent. */
    String contact(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> email;
            case PHONE -> phone;
        };
    }
}
