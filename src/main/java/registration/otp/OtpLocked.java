package registration.otp;

import java.time.Duration;
import java.time.Instant;

/**
 * The wrong-code cap locked every code of {@code purpose} for a customer until {@code lockedUntil}, a lock of
 * {@code window} (SPEC §10).
 * Published once per lock (by the try that reached the cap) inside that try's transaction; the customer
 * feature tells the owner. {@code customerId} is the customer of the codes, also on the enumeration-safe
 * routes where the subject is an identifier's hash; a lock of a subject that only ever had decoys publishes
 * nothing.
 */
public record OtpLocked(String customerId, OtpPurpose purpose, Instant lockedUntil, Duration window) {
}
