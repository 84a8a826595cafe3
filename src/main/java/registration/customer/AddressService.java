package registration.customer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.f4b6a3.ulid.UlidCreator;

import registration.auth.CustomerActor;
import registration.web.ApiException;
import registration.web.ErrorType;

/**
 * The caller's addresses, as Medusa's store API has them ({@code /store/customers/me/addresses}). Writes answer
 * the customer with all its addresses, as Medusa does. Another customer's address is "not found" (404), never
 * "forbidden": its existence is none of the caller's business.
 */
@Service
class AddressService {

    /** Enough for any shopper; a bound on what one account can make us store and answer on every {@code /me}. */
    static final int MAX_ADDRESSES = 100;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final Addresses addresses;
    private final Customers customers;

    AddressService(Addresses addresses, Customers customers) {
        this.addresses = addresses;
        this.customers = customers;
    }

    @Transactional(readOnly = true)
    AddressPage list(CustomerActor actor, String limitParam, String offsetParam) {
        int limit = number(limitParam, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = number(offsetParam, "offset", 0, 0, Integer.MAX_VALUE);
        return new AddressPage(addresses.page(actor.customerId(), limit, offset), addresses.count(actor.customerId()),
                offset, limit);
    }

    @Transactional(readOnly = true)
    Address get(CustomerActor actor, String id) {
        return addresses.find(actor.customerId(), id).orElseThrow(() -> notFound(id));
    }

    /** Adds an address; one marked default takes that role from the customer's previous default. */
    @Transactional
    CustomerView create(CustomerActor actor, AddressRequest body) {
        checkMetadata(body.metadata());
        lockCustomer(actor);
        if (addresses.count(actor.customerId()) >= MAX_ADDRESSES) {
            throw new ApiException(ErrorType.NOT_ALLOWED, "A customer can have at most " + MAX_ADDRESSES + " addresses");
        }
        String id = "cuaddr_" + UlidCreator.getMonotonicUlid();
        boolean defaultShipping = isTrue(body.isDefaultShipping());
        boolean defaultBilling = isTrue(body.isDefaultBilling());
        clearDefaults(actor, id, defaultShipping, defaultBilling);
        addresses.insert(actor.customerId(), id, body, defaultShipping, defaultBilling);
        return customerWithAddresses(actor);
    }

    /** Changes the fields the body names; {@code is_default_*: false} (or null) gives up that default. */
    @Transactional
    CustomerView update(CustomerActor actor, String id, AddressRequest body) {
        checkMetadata(body.metadata());
        lockCustomer(actor);
        addresses.find(actor.customerId(), id).orElseThrow(() -> notFound(id));
        Boolean defaultShipping = body.isDefaultShipping() == null ? null : isTrue(body.isDefaultShipping());
        Boolean defaultBilling = body.isDefaultBilling() == null ? null : isTrue(body.isDefaultBilling());
        clearDefaults(actor, id, Boolean.TRUE.equals(defaultShipping), Boolean.TRUE.equals(defaultBilling));
        addresses.update(actor.customerId(), id, body, defaultShipping, defaultBilling);
        return customerWithAddresses(actor);
    }

    @Transactional
    CustomerView delete(CustomerActor actor, String id) {
        lockCustomer(actor);
        if (!addresses.delete(actor.customerId(), id)) {
            throw notFound(id);
        }
        return customerWithAddresses(actor);
    }

    private void clearDefaults(CustomerActor actor, String keepId, boolean shipping, boolean billing) {
        if (shipping) {
            addresses.clearDefault(actor.customerId(), true, keepId);
        }
        if (billing) {
            addresses.clearDefault(actor.customerId(), false, keepId);
        }
    }

    private void lockCustomer(CustomerActor actor) {
        if (!addresses.lockCustomer(actor.customerId())) {
            throw ApiException.unauthorized("Unauthorized"); // the token's customer is gone
        }
    }

    private CustomerView customerWithAddresses(CustomerActor actor) {
        Customer customer = customers.findById(actor.customerId()).orElseThrow(() -> ApiException.unauthorized("Unauthorized"));
        return CustomerView.of(customer, addresses.listOf(actor.customerId()));
    }

    private void checkMetadata(java.util.Optional<Map<String, Object>> metadata) {
        if (metadata != null && metadata.isPresent()
                && customers.metadataJson(metadata.get()).getBytes(StandardCharsets.UTF_8).length > CustomerService.MAX_METADATA_BYTES) {
            throw ApiException.invalid("Invalid request: Field 'metadata' must be at most 16 KB");
        }
    }

    private static boolean isTrue(java.util.Optional<Boolean> flag) {
        return flag != null && flag.orElse(false);
    }

    private static int number(String value, String name, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("Invalid request: Field '" + name + "' must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max));
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorType.NOT_FOUND, "Address with id: " + id + " was not found");
    }
}
