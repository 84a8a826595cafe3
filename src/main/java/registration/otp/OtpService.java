package registration.otp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;

import com.github.f4b6a3.ulid.UlidCreator;
import com.nimbusds.jwt.JWTClaimsSet;

import registration.auth.Jwts;
import registration.auth.TokenKind;
import registration.customer.PhoneNumbers;
import registration.notification.Channel;
import registration.notification.Notifications;
import registration.web.ApiException;

/**
 * The OTP engine every purpose uses. {@link #issue} claims the resend throttle, stores a new code (as a keyed
 * hash), supersedes the previous one, queues the message in the outbox — all in the caller's transaction —
 * and returns the signed OTP token. {@link #consume} proves token + code + live record and uses the code up.
 */
@Service
public class OtpService {

    private final OtpCodes codes;
    private final OtpThrottles throttles;
    private final CodeGenerator generator;
    private final CodeHasher hasher;
    private final Jwts jwts;
    private final Notifications notifications;
    private final DecoyCustomerIds decoyCustomerIds;
    private final PhoneNumbers phones;
    private final OtpSettings settings;
    private final Clock clock;

    OtpService(OtpCodes codes, OtpThrottles throttles, CodeGenerator generator, CodeHasher hasher, Jwts jwts,
               Notifications notifications, DecoyCustomerIds decoyCustomerIds, PhoneNumbers phones,
               OtpSettings settings, Clock clock) {
        this.codes = codes;
        this.throttles = throttles;
        this.generator = generator;
        this.hasher = hasher;
        this.jwts = jwts;
        this.notifications = notifications;
        this.decoyCustomerIds = decoyCustomerIds;
        this.phones = phones;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Issues a code for {@code purpose} to {@code recipient} over {@code channel}. Call inside the use case's
     * transaction: the throttle claim, the code and its outbox message commit (or roll back) together.
     *
     * @param throttle  minimum time since the customer's previous code of this purpose (429 inside it; see
     *                  {@link ResendThrottles} for the configured one of each channel)
     * @param newValue  the new email/phone of a contact change (carried only inside the signed token), or null
     * @param model     extra template variables ({@code customer}, …); {@code code} and
     *                  {@code expires_in_minutes} are added here
     * @throws ApiException 429 {@code otp_throttled} with {@code Retry-After} inside the throttle; 400
     *                      {@code sms_region_not_allowed} for an SMS to a region outside {@code phone.sms-regions}
     */
    public IssuedOtp issue(String customerId, OtpPurpose purpose, Channel channel, String recipient,
                           Duration throttle, String newValue, Map<String, Object> model) {
        if (channel == Channel.SMS) {
            phones.requireSmsRegion(recipient); // 400 for a country the store does not text
        }
        Instant now = clock.instant();
        // Claimed first: the throttle row stays locked until commit, so concurrent sends for this customer and
        // purpose (on any instance) queue here and the loser gets the 429 instead of a second live code.
        throttles.claim(customerId, purpose, throttle, now).ifPresent(wait -> {
            throw ApiException.tooManyRequests("Please wait before requesting another code", "otp_throttled", wait);
        });
        CodeGenerator.Code code = generator.codeFor(recipient);
        Instant expiresAt = now.plus(Duration.ofMinutes(settings.expiryMinutes()));
        String id = "otp_" + UlidCreator.getMonotonicUlid();
        codes.revokeLive(customerId, purpose, now);
        codes.insert(id, customerId, purpose, hasher.hash(code.value()), settings.maxAttempts(), expiresAt, now);
        if (!code.fixed()) { // a QA identifier's fixed code is known: nothing to send
            Map<String, Object> message = new HashMap<>(model);
            message.put("code", code.value());
            message.put("expires_in_minutes", settings.expiryMinutes());
            notifications.enqueue(channel, recipient, purpose.id(), message);
        }
        return new IssuedOtp(token(id, customerId, purpose, newValue, expiresAt), expiresAt);
    }

    /**
     * A token shaped exactly like a real one whose code nobody knows and which reaches nobody: answers that
     * must not reveal whether an account exists return it, and verifying it fails like a never-guessed code.
     * Its {@code customer_id} is the customer's when {@code identifier} has one (the answer must not tell,
     * say, whether a deletion is scheduled), else one {@link DecoyCustomerIds derived} from {@code identifier}.
     *
     * @param customerId the customer {@code identifier} belongs to, or null when it has no account
     */
    public IssuedOtp issueDecoy(OtpPurpose purpose, String identifier, String customerId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofMinutes(settings.expiryMinutes()));
        String id = "otp_" + UlidCreator.getMonotonicUlid();
        codes.insert(id, null, purpose, hasher.hash(generator.next() + generator.next()), settings.maxAttempts(), expiresAt, now);
        String shown = customerId != null ? customerId : decoyCustomerIds.of(identifier);
        return new IssuedOtp(token(id, shown, purpose, null, expiresAt), expiresAt);
    }

    /**
     * Checks {@code code} against the live record named by {@code token} and uses it up. The token's purpose
     * must be one of {@code purposes} and the record's ({@link VerifiedOtp#purpose()} says which). Call inside
     * the use case's transaction: if the use case fails afterwards, the code stays unused. The attempt itself
     * is counted in a transaction of its own, so a wrong guess counts even though the use case fails.
     *
     * @throws ApiException 400 {@code otp_invalid} (dead, tampered, wrong-purpose token) or {@code otp_wrong_code}
     */
    public VerifiedOtp consume(String token, String code, OtpPurpose... purposes) {
        JWTClaimsSet claims = jwts.read(token, TokenKind.OTP).orElseThrow(OtpErrors::invalid);
        String id = stringClaim(claims, "otp_id");
        OtpPurpose purpose = OtpPurpose.ofId(stringClaim(claims, "purpose"))
                .filter(p -> Arrays.asList(purposes).contains(p))
                .orElseThrow(OtpErrors::invalid);
        if (id == null || code == null || code.isBlank()) {
            throw OtpErrors.invalid();
        }
        Instant now = clock.instant();
        // The record must be live and of the token's purpose too: a re-signed or forged purpose claim is not enough.
        String hash = codes.countAttempt(id, purpose, now).orElseThrow(OtpErrors::invalid);
        if (!hasher.matches(code, hash)) {
            throw OtpErrors.wrongCode();
        }
        if (!codes.consume(id, now)) {
            throw OtpErrors.invalid(); // a concurrent right guess, or a newer send, got there first
        }
        return new VerifiedOtp(id, stringClaim(claims, "customer_id"), purpose, stringClaim(claims, "new_value"));
    }

    /**
     * Spends the resend throttle of {@code customerId} and {@code purpose} without sending anything: for an
     * answer that must cost the caller as much as a send (contact change's "value in use", which would
     * otherwise be a free "is this address registered?" oracle). Call in a transaction that commits even
     * though the caller then answers an error.
     *
     * @throws ApiException 429 {@code otp_throttled} with {@code Retry-After} inside the throttle, as {@link #issue}
     */
    public void spendThrottle(String customerId, OtpPurpose purpose, Duration throttle) {
        throttles.claim(customerId, purpose, throttle, clock.instant()).ifPresent(wait -> {
            throw ApiException.tooManyRequests("Please wait before requesting another code", "otp_throttled", wait);
        });
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    private String token(String id, String customerId, OtpPurpose purpose, String newValue, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("otp_id", id);
        claims.put("customer_id", customerId);
        claims.put("purpose", purpose.id());
        if (newValue != null) {
            claims.put("new_value", newValue);
        }
        return jwts.sign(TokenKind.OTP, claims, expiresAt);
    }
}
