package registration.customer;

import java.util.List;

/** {@code GET /store/customers/me/addresses}: one page, Medusa's paginated list shape. */
record AddressPage(List<Address> addresses, long count, int offset, int limit) {
}
