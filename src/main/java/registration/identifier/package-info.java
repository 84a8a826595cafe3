/**
 * Identifiers as values: what a customer signs up, logs in and is reached with. A normalised
 * {@link registration.identifier.Email} (lower-case, RFC 5321's common form) or E.164
 * {@link registration.identifier.Phone} (parsed by {@link registration.identifier.PhoneNumbers} with libphonenumber
 * under {@code customer-registration.phone.*}: default region, validation, the regions codes may be texted to),
 * their kind ({@link registration.identifier.IdentifierKind}: email or phone) and the identifier mode of sign-up
 * and login ({@link registration.identifier.IdentifierMode}). Holding one means it is valid. Shared by every
 * feature, it depends on none (only on {@code web} for the 400 it answers to bad input) and serves no route.
 */
package registration.identifier;
