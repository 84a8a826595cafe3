package registration.customer;

import java.util.Map;

import jakarta.validation.constraints.Size;

/** Body of {@code POST /store/customers}. Verified flags are not fields: sending them is refused as unknown. */
public record NewCustomerRequest(String email, String phone,
                                 @Size(max = 255) String firstName,
                                 @Size(max = 255) String lastName,
                                 @Size(max = 255) String companyName,
                                 Map<String, Object> metadata) {
}
