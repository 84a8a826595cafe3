package registration.customer;

import java.util.Map;

import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST/PATCH /store/customers/me}. {@code email}/{@code phone} are declared only to answer
 * them with the "requires OTP verification" message rather than as unknown fields. Absent or null fields
 * stay unchanged; {@code metadata} is replaced as a whole.
 */
public record UpdateCustomerRequest(@Size(max = 255) String firstName,
                                    @Size(max = 255) String lastName,
                                    @Size(max = 255) String companyName,
                                    Map<String, Object> metadata,
                                    JsonNode email,
                                    JsonNode phone) {
}
