package registration.otp;

import java.util.Map;

import registration.audit.AuditedEvent;
import registration.notification.Channel;

/**
 * A one-time code was issued and queued to {@code recipient} for {@code customerId}, in the send's transaction.
 * A QA identifier's fixed code ({@code otp.test-codes}) is issued but not sent ({@code sent = false}). Decoys
 * (codes of enumeration-safe routes for unknown identifiers) reach nobody and are not published.
 */
public record OtpSent(String customerId, OtpPurpose purpose, Channel channel, String recipient, boolean sent)
        implements AuditedEvent {

    @Override
    public String type() {
        return "otp.sent";
    }

    @Override
    public String identifier() {
        return recipient;
    }

    /** Enumeration-safe routes (deletion cancel, SMS reset) are asked by anyone: nobody proven asked. */
    @Override
    public String actorKind() {
        return purpose == OtpPurpose.ACCOUNT_DELETION_CANCEL || purpose == OtpPurpose.PASSWORD_RESET
                ? "anonymous" : AuditedEvent.super.actorKind();
    }

    @Override
    public Map<String, String> details() {
        return Map.of("purpose", purpose.id(), "channel", channel.name().toLowerCase(java.util.Locale.ROOT),
                "delivered", String.valueOf(sent));
    }

    @Override
    public String toString() {
        return "OtpSent[" + customerId + ", " + purpose.id() + "]"; // no personal data in logs
    }
}
