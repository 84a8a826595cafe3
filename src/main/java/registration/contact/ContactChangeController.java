package registration.contact;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import registration.auth.CustomerActor;
import registration.customer.CustomerView;
import registration.identifier.Email;
import registration.identifier.PhoneNumbers;
import registration.otp.IssuedOtp;
import registration.web.ApiException;

/** {@code POST /store/customers/me/contact} and {@code POST /store/customers/me/contact/verify} (customer JWT). */
@RestController
class ContactChangeController {

    private final ContactChangeService changes;
    private final PhoneNumbers phones;

    ContactChangeController(ContactChangeService changes, PhoneNumbers phones) {
        this.changes = changes;
        this.phones = phones;
    }

    /** Exactly one of the two fields. */
    record ChangeRequest(String email, String phone) {

        NewContact newContact(PhoneNumbers phones) {
            if (email != null && phone != null) {
                throw ApiException.invalid("Invalid request: Provide either 'email' or 'phone', not both");
            }
            if (email == null && phone == null) {
                throw ApiException.invalid("Invalid request: Field 'email' or 'phone' is required");
            }
            return email != null ? new NewContact(ContactField.EMAIL, Email.of(email).value())
                    : new NewContact(ContactField.PHONE, phones.parse(phone).value());
        }

        @Override
        public String toString() {
            return "ChangeRequest[<hidden>]";
        }
    }

    record VerifyRequest(@NotNull String token, @NotNull String code) {
        @Override
        public String toString() {
            return "VerifyRequest[<hidden>]";
        }
    }

    /** The customer with the new contact, and a fresh login JWT (every older token was revoked). */
    record ChangedContactAnswer(CustomerView customer, String token) {
        @Override
        public String toString() {
            return "ChangedContactAnswer[<hidden>]";
        }
    }

    @PostMapping("/store/customers/me/contact")
    IssuedOtp request(CustomerActor actor, @Valid @RequestBody ChangeRequest body) {
        return changes.requestChange(actor, body.newContact(phones));
    }

    @PostMapping("/store/customers/me/contact/verify")
    ChangedContactAnswer verify(CustomerActor actor, @Valid @RequestBody VerifyRequest body) {
        var changed = changes.confirmChange(actor, body.token(), body.code());
        return new ChangedContactAnswer(CustomerView.of(changed.customer()), changed.token());
    }
}
