package registration.customer;

import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST/PATCH /store/customers/me}. Each profile field has three states, as in Medusa: absent
 * (a null {@code Optional}: unchanged), {@code null} (empty: cleared) or a value (set); {@code metadata} is
 * replaced as a whole. {@code email}/{@code phone} are declared only to answer them with the "requires OTP
 * verification" message rather than as unknown fields.
 */
public record UpdateCustomerRequest(Optional<@Size(max = 255) String> firstName,
                                    Optional<@Size(max = 255) String> lastName,
                                    Optional<@Size(max = 255) String> companyName,
                                    Optional<Map<String, Object>> metadata,
                                    JsonNode email,
                                    JsonNode phone) {
}
