package registration.customer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

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

    @PostMapping("/store/customers")
    Map<String, Object> create(RegistrationActor actor, @Valid @RequestBody NewCustomerRequest body) {
        CreatedCustomer created = customers.create(actor, body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("customer", CustomerView.of(created.customer()));
        if (created.verification() != null) {
            answer.put("verification", created.verification()); // sent on registration: verify with its token
        }
        return answer;
    }

    @GetMapping("/store/customers/me")
    Map<String, Object> me(HttpServletRequest request) { // a bearer token or the SDK's session cookie
        return Map.of("customer", customers.me(request));
    }

    @RequestMapping(path = "/store/customers/me", method = {RequestMethod.POST, RequestMethod.PATCH})
    Map<String, Object> update(CustomerActor actor, @Valid @RequestBody UpdateCustomerRequest body) {
        customers.update(actor, body);
        return Map.of("customer", customers.view(actor));
    }
}
