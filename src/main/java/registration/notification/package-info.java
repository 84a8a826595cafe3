/**
 * Every message that leaves the service: the transactional outbox ({@link registration.notification.Notifications}
 * enqueues in the caller's transaction; {@link registration.notification.OutboxDispatcher} delivers, retries and
 * gives up, one instance per message across the cluster), the senders (SMTP, SMS webhook, Twilio, the log, the
 * store's events webhook), message templates, and the per-destination send budgets. Only this package talks to
 * mail and SMS providers. Channels ({@link registration.notification.Channel}) map from an identifier's kind.
 * It serves no route; delivery shows in health ({@code delivery}) and metrics.
 */
package registration.notification;
