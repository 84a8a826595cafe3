package registration.audit;

/**
 * How many customers are blocked now, for the gauge {@code customer_registration_customers_blocked}. The feature
 * that blocks customers provides it as a bean; without one the gauge is not registered.
 */
public interface BlockedCustomers {

    long count();
}
