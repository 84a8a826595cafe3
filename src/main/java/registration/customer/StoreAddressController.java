package registration.customer;


import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import registration.auth.CustomerActor;
import registration.web.NoBody;

/**
 * {@code GET|POST /store/customers/me/addresses}, {@code GET|POST|DELETE /store/customers/me/addresses/{address_id}}:
 * Medusa's store routes and answers ({@code {addresses, count, offset, limit}}, {@code {address}}, {@code {customer}},
 * and on delete {@code {id, object: "address", deleted: true, parent}}).
 */
@RestController
class StoreAddressController {

    private final AddressService addresses;

    StoreAddressController(AddressService addresses) {
        this.addresses = addresses;
    }

    record AddressAnswer(Address address) {
    }

    record CustomerAnswer(CustomerView customer) {
    }

    record Deleted(String id, String object, boolean deleted, CustomerView parent) {
    }

    @GetMapping("/store/customers/me/addresses")
    AddressPage list(CustomerActor actor, @RequestParam(required = false) String limit,
                     @RequestParam(required = false) String offset) {
        return addresses.list(actor, limit, offset);
    }

    @PostMapping("/store/customers/me/addresses")
    CustomerAnswer create(CustomerActor actor, @Valid @RequestBody AddressRequest body) {
        return new CustomerAnswer(addresses.create(actor, body));
    }

    @GetMapping("/store/customers/me/addresses/{addressId}")
    AddressAnswer get(CustomerActor actor, @PathVariable String addressId) {
        return new AddressAnswer(addresses.get(actor, addressId));
    }

    @PostMapping("/store/customers/me/addresses/{addressId}")
    CustomerAnswer update(CustomerActor actor, @PathVariable String addressId, @Valid @RequestBody AddressRequest body) {
        return new CustomerAnswer(addresses.update(actor, addressId, body));
    }

    @DeleteMapping("/store/customers/me/addresses/{addressId}")
    Deleted delete(CustomerActor actor, @PathVariable String addressId, @RequestBody(required = false) NoBody none) {
        return new Deleted(addressId, "address", true, addresses.delete(actor, addressId));
    }
}
