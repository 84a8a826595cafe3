/**
 * The customer's data export ({@code GET /store/customers/me/export}, SPEC 9: GDPR portability): everything
 * the service keeps about the caller — profile with its addresses, logins, account deletion requests — in one JSON document.
 * It reads the customer, auth and deletion features' tables through their public repositories and owns none.
 */
package registration.export;
