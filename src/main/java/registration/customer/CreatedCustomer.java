package registration.customer;

import registration.customer.VerificationSent;

/** What {@code POST /store/customers} answers: the customer and, when sent on registration, its verification code's token. */
public record CreatedCustomer(Customer customer, VerificationSent verification) {
}
