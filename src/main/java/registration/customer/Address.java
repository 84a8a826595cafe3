package registration.customer;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A customer address, in Medusa's store shape ({@code StoreCustomerAddress}). {@code address_1}/{@code address_2}
 * are named explicitly: the snake_case convention puts no underscore before a digit.
 */
public record Address(String id, String addressName, boolean isDefaultShipping, boolean isDefaultBilling,
                      String customerId, String company, String firstName, String lastName,
                      @JsonProperty("address_1") String address1, @JsonProperty("address_2") String address2,
                      String city, String countryCode, String province, String postalCode, String phone,
                      Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {

    @Override
    public String toString() {
        return "Address[" + id + "]"; // no personal data in logs
    }
}
