package registration.otp;

/**
 * A code was asked for and not sent: {@code outcome} is {@code locked}, {@code throttled} or
 * {@code budget_exceeded} (answered 429), or {@code held_back} (an enumeration-safe route answered with a handle
 * to an older code). Not an audited event — the refusal rolls back with its request — but counted
 * ({@link OtpSendMetrics}).
 */
record OtpSendRefused(OtpPurpose purpose, String channel, String outcome) {
}
