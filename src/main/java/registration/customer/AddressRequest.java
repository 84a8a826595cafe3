package registration.customer;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /store/customers/me/addresses} and {@code POST /store/customers/me/addresses/{id}}, Medusa's
 * fields. Each has three states: absent (a null {@code Optional}: unset on create, unchanged on update),
 * {@code null} (empty: cleared) or a value (set). {@code metadata} is replaced as a whole.
 */
record AddressRequest(Optional<@Size(max = 255) String> addressName,
                      Optional<Boolean> isDefaultShipping,
                      Optional<Boolean> isDefaultBilling,
                      Optional<@Size(max = 255) String> company,
                      Optional<@Size(max = 255) String> firstName,
                      Optional<@Size(max = 255) String> lastName,
                      @JsonProperty("address_1") Optional<@Size(max = 255) String> address1,
                      @JsonProperty("address_2") Optional<@Size(max = 255) String> address2,
                      Optional<@Size(max = 255) String> city,
                      Optional<@Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter ISO 3166-1 country code") String> countryCode,
                      Optional<@Size(max = 255) String> province,
                      Optional<@Size(max = 255) String> postalCode,
                      Optional<@Size(max = 255) String> phone,
                      Optional<Map<String, Object>> metadata) {

    /** The text columns this request sets (column name → value; a null value clears), in table order. */
    Map<String, Optional<String>> textColumns() {
        var columns = new java.util.LinkedHashMap<String, Optional<String>>();
        put(columns, "address_name", addressName);
        put(columns, "company", company);
        put(columns, "first_name", firstName);
        put(columns, "last_name", lastName);
        put(columns, "address_1", address1);
        put(columns, "address_2", address2);
        put(columns, "city", city);
        put(columns, "country_code", countryCode == null ? null
                : countryCode.map(code -> code.toLowerCase(java.util.Locale.ROOT))); // Medusa stores them lower-case
        put(columns, "province", province);
        put(columns, "postal_code", postalCode);
        put(columns, "phone", phone);
        return columns;
    }

    private static void put(Map<String, Optional<String>> columns, String column, Optional<String> value) {
        if (value != null) {
            columns.put(column, value);
        }
    }
}
