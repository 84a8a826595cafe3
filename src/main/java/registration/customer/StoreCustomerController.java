package registration.customer;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import registration.auth.CustomerActor;
import registration.auth.RegistrationActor;

/** {@code POST /store/customers}, {@code GET|POST|PATCH /store/customers/me}. */
@RestController
class StoreCustomerController {

    private final CustomerService customers;

    StoreCustomerController(CustomerService customers) {
        this.customers = customers;
    }

    /** {@code {customer}}, as Medusa answers it. */
    record CustomerAnswer(CustomerView customer) {
    }

    /** {@code {customer[, verification]}}: {@code verification} when the code was sent on registration (verify with its token). */
    record CreatedCustomerAnswer(CustomerView customer,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) VerificationSent verification) {
    }

    @PostMapping("/store/customers")
    CreatedCustomerAnswer create(RegistrationActor actor, @Valid @RequestBody NewCustomerRequest body) {
        CreatedCustomer created = customers.create(actor, body);
        return new CreatedCustomerAnswer(CustomerView.of(created.customer()), created.verification());
    }

    @GetMapping("/store/customers/me")
    CustomerAnswer me(HttpServletRequest request) { // a bearer token or the SDK's session cookie
        return new CustomerAnswer(customers.me(request));
    }

    @RequestMapping(path = "/store/customers/me", method = {RequestMethod.POST, RequestMethod.PATCH})
    CustomerAnswer update(CustomerActor actor, @Valid @RequestBody UpdateCustomerRequest body) {
        customers.update(actor, body);
        return new CustomerAnswer(customers.view(actor));
    }
}
