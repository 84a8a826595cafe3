package registration.otp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.github.f4b6a3.ulid.UlidCreator;
import com.nimbusds.jwt.JWTClaimsSet;

import registration.auth.Jwts;
import registration.auth.TokenKind;
import registration.identifier.IdentifierKind;
import registration.identifier.PhoneNumbers;
import registration.notification.Channel;
import registration.notification.Notifications;
import registration.notification.SendBudgets;
import registration.web.ApiException;

/**
 * The OTP engine every purpose uses (SPEC §10). A token is a handle: it names a code ({@code otp_id}), its
 * purpose, kind and expiry, and nothing else; whom the code is for is read from its row. The owner can always
 * finish: a send never kills older live codes (at most {@code otp.max-live-codes} are kept, oldest dropped),
 * and the first right code uses up every live code of its subject and purpose. Wrong codes count per subject
 * and purpose across codes ({@link WrongCodes}).
 * <p>
 * A subject is the customer id ({@link #issue}) or, on routes that must not tell whether an identifier is
 * known, a keyed hash of the identifier ({@link #issueForIdentifier}): there decoys are rows too, so they are
 * throttled, counted and locked exactly as real codes are.
 */
@Service
public class OtpService {

    /** What a caller of {@link #issueForIdentifier} knows about the identifier's owner, when there is one. */
    public record Recipient(String customerId, Channel channel, String address, Map<String, Object> model) {
        @Override
        public String toString() {
            return "Recipient[" + customerId + ", " + channel + "]";
        }
    }

    /**
     * The answer of {@link #issueForIdentifier}: the handle to give the caller, and whether the owner's code
     * was held back by a send budget (the owner could not get a code; a deletion waits for that).
     */
    public record IdentifierOtp(IssuedOtp handle, boolean overBudget) {
    }

    /** How long a caller told to come back after a refused budget waits (the budgets are per hour and day). */
    static final Duration BUDGET_RETRY = Duration.ofHours(1);

    private final OtpCodes codes;
    private final OtpSendClaims throttles;
    private final OtpLocks locks;
    private final WrongCodes wrongCodes;
    private final CodeAttempts attempts;
    private final CodeGenerator generator;
    private final CodeHasher hasher;
    private final Jwts jwts;
    private final Notifications notifications;
    private final SendBudgets budgets;
    private final PhoneNumbers phones;
    private final OtpSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    OtpService(OtpCodes codes, OtpSendClaims throttles, OtpLocks locks, WrongCodes wrongCodes, CodeAttempts attempts,
               CodeGenerator generator, CodeHasher hasher, Jwts jwts, Notifications notifications, SendBudgets budgets,
               PhoneNumbers phones, OtpSettings settings, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.attempts = attempts;
        this.codes = codes;
        this.throttles = throttles;
        this.locks = locks;
        this.wrongCodes = wrongCodes;
        this.generator = generator;
        this.hasher = hasher;
        this.jwts = jwts;
        this.notifications = notifications;
        this.budgets = budgets;
        this.phones = phones;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Issues a code for {@code purpose} of customer {@code customerId} to {@code recipient} over {@code channel}.
     * Call inside the use case's transaction: the throttle claim, the code and its outbox message commit (or
     * roll back) together.
     *
     * @param throttle  minimum time since the customer's previous code of this purpose (see {@link ResendIntervals})
     * @param newValue  the new email/phone of a contact change: it travels in the token, and the row keeps its
     *                  keyed hash so that a token naming another value is refused; null otherwise
     * @param model     extra template variables ({@code customer}, …); {@code code} and
     *                  {@code expires_in_minutes} are added here
     * @throws ApiException 429 {@code otp_locked} while the purpose is locked; 429 {@code otp_throttled} with
     *                      {@code Retry-After} inside the throttle (with {@code token} and {@code expires_at} of the
     *                      newest live code, unless it binds a new value); 429 {@code send_budget_exceeded} past
     *                      a send budget; 400 {@code sms_region_not_allowed} for an SMS to a region outside
     *                      {@code phone.sms-regions}
     */
    public IssuedOtp issue(String customerId, OtpPurpose purpose, Channel channel, String recipient,
                           Duration throttle, String newValue, Map<String, Object> model) {
        if (channel == Channel.SMS) {
            phones.requireSmsRegion(recipient); // 400 for a country the store does not text
        }
        Instant now = clock.instant();
        lockedUntil(customerId, purpose, now).ifPresent(until -> {
            notSent(purpose, channel, "locked");
            throw locked(until, now);
        });
        // Claimed first: the throttle row stays locked until commit, so concurrent sends for this customer and
        // purpose (on any instance) queue here and the loser gets the 429 instead of another code.
        OtpSendClaims.Claim claim = throttles.claim(customerId, purpose, throttle, now);
        Optional<Duration> wait = claim.refusedFor();
        if (wait.isPresent()) {
            notSent(purpose, channel, "throttled");
            ApiException throttled = ApiException.tooManyRequests("Please wait before requesting another code",
                    "otp_throttled", wait.get());
            // The caller may have lost the token of the code already sent: give it back, so the code still works.
            Optional<OtpCodes.Stored> newest = newValue != null ? Optional.empty()
                    : codes.findNewestLive(customerId, purpose, now);
            throw newest.map(code -> throttled.withDetails(handleBody(token(code.id(), purpose, null, code.expiresAt()),
                    code.expiresAt()))).orElse(throttled);
        }
        CodeGenerator.Code code = generator.codeFor(recipient);
        // Fixed QA codes are never sent, so they spend no budget.
        if (!code.fixed() && !budgets.tryReserveCode(channel, recipient)) {
            notSent(purpose, channel, "budget_exceeded");
            throw ApiException.tooManyRequests("Too many codes were sent to this address; try again later",
                    "send_budget_exceeded", BUDGET_RETRY);
        }
        return insertAndSend(customerId, customerId, purpose, channel, recipient, code, newValue, model, claim.first(), now);
    }

    /**
     * Issues a code on a route that must answer the same whether {@code identifier} (a normalised email or E.164
     * phone) has an owner or not: the deletion cancel-request and the SMS password reset. The subject is a
     * keyed hash of the identifier, for known and unknown alike. The answer is always a handle of the same
     * shape: to a new code sent to {@code owner}; inside the resend throttle, past a send budget or while
     * locked, to the newest live code (nothing sent); otherwise to a decoy, a row that reaches nobody and
     * never verifies but counts wrong codes like a real one.
     *
     * @param owner who gets the code when the identifier is theirs and the flow applies; empty otherwise
     */
    public IdentifierOtp issueForIdentifier(OtpPurpose purpose, String identifier, Duration throttle,
                                            Optional<Recipient> owner) {
        Instant now = clock.instant();
        String subject = hasher.identifierSubject(identifier);
        OtpSendClaims.Claim claim = throttles.claim(subject, purpose, throttle, now);
        boolean claimed = claim.granted();
        boolean locked = lockedUntil(subject, purpose, now).isPresent();
        boolean overBudget = false;
        if (claimed && !locked) {
            if (owner.isPresent()) {
                Recipient to = owner.get();
                CodeGenerator.Code code = generator.codeFor(to.address());
                if (code.fixed() || budgets.tryReserveCode(to.channel(), to.address())) {
                    return new IdentifierOtp(insertAndSend(subject, to.customerId(), purpose, to.channel(), to.address(),
                            code, null, to.model(), claim.first(), now), false);
                }
            } else if (budgets.tryReserveDecoy(Channel.of(IdentifierKind.of(identifier)), identifier)) {
                // An unknown address spends its budget too: past it, it answers as a registered one would.
                notSent(purpose, channelOf(identifier), "decoy");
                return new IdentifierOtp(insertDecoy(subject, purpose, claim.first(), now), false);
            }
            overBudget = true;
        }
        notSent(purpose, channelOf(identifier), "held_back");
        boolean ownerHeldBack = overBudget && owner.isPresent();
        Optional<OtpCodes.Stored> newest = codes.findNewestLive(subject, purpose, now);
        if (newest.isPresent()) {
            return new IdentifierOtp(new IssuedOtp(token(newest.get().id(), purpose, null, newest.get().expiresAt()),
                    newest.get().expiresAt()), ownerHeldBack);
        }
        return new IdentifierOtp(insertDecoy(subject, purpose, false, now), ownerHeldBack);
    }

    /**
     * Checks {@code code} against the live record named by {@code token} and uses it up, with every other live
     * code of its subject and purpose. The token's purpose must be one of {@code purposes} and the record's
     * ({@link VerifiedOtp#purpose()} says which); the customer comes from the record. Call inside the use case's
     * transaction: if the use case fails afterwards, the codes stay unused. The attempt itself is counted in a
     * transaction of its own, so a wrong guess counts even though the use case fails.
     *
     * @throws ApiException 400 {@code otp_invalid} (dead, tampered, wrong-purpose token, or one naming another
     *                      value than its code binds) or {@code otp_wrong_code}; 429 {@code otp_locked}
     */
    public VerifiedOtp consume(String token, String code, OtpPurpose... purposes) {
        return consume(null, token, code, purposes);
    }

    /**
     * {@link #consume(String, String, OtpPurpose...)} on an authenticated route: a code of another customer than
     * {@code customerId} is answered {@code otp_invalid} before it is tried, so it costs its owner no attempt.
     */
    public VerifiedOtp consumeOwn(String customerId, String token, String code, OtpPurpose purpose) {
        return consume(java.util.Objects.requireNonNull(customerId), token, code, purpose);
    }

    private VerifiedOtp consume(String expectedCustomerId, String token, String code, OtpPurpose... purposes) {
        JWTClaimsSet claims = jwts.read(token, TokenKind.OTP).orElseThrow(OtpErrors::invalid);
        String id = stringClaim(claims, "otp_id");
        OtpPurpose purpose = OtpPurpose.ofId(stringClaim(claims, "purpose"))
                .filter(p -> Arrays.asList(purposes).contains(p))
                .orElseThrow(OtpErrors::invalid);
        if (id == null || code == null || code.isBlank()) {
            throw OtpErrors.invalid();
        }
        Instant now = clock.instant();
        String newValue = stringClaim(claims, "new_value");
        // The record must be of the token's purpose too: a re-signed or forged purpose claim is not enough.
        CodeAttempts.Outcome outcome = attempts.attempt(id, purpose, code, expectedCustomerId, newValue, now);
        switch (outcome.result()) {
            case WRONG -> throw OtpErrors.wrongCode();
            case LOCKED -> throw locked(outcome.lockedUntil(), now);
            case DEAD -> throw OtpErrors.invalid();
            case RIGHT -> { }
        }
        OtpCodes.Stored stored = outcome.code();
        if (!codes.consume(id, stored.subject(), purpose, now)) {
            throw OtpErrors.invalid(); // a concurrent right guess got there first
        }
        events.publishEvent(new OtpVerified(stored.customerId(), purpose)); // with the use case, or not at all
        return new VerifiedOtp(id, stored.customerId(), purpose, newValue);
    }

    /**
     * The latest end of any lock, past or present, of the wrong-code cap on the subjects of these identifiers
     * (normalised emails or phones) for {@code purpose}: the deletion job waits until a day after it.
     */
    public Optional<Instant> latestLockEndOfIdentifiers(Collection<String> identifiers, OtpPurpose purpose) {
        return locks.latestLockEnd(
                identifiers.stream().flatMap(identifier -> hasher.identifierSubjects(identifier).stream()).toList(), purpose);
    }

    private Optional<Instant> lockedUntil(String subject, OtpPurpose purpose, Instant now) {
        return wrongCodes.capped() ? locks.lockedUntil(subject, purpose, now) : Optional.empty();
    }

    private IssuedOtp insertAndSend(String subject, String customerId, OtpPurpose purpose, Channel channel,
                                    String recipient, CodeGenerator.Code code, String newValue,
                                    Map<String, Object> model, boolean firstClaim, Instant now) {
        Instant expiresAt = now.plus(Duration.ofMinutes(settings.expiryMinutes()));
        String id = newId();
        codes.insert(id, subject, customerId, purpose, hasher.hash(code.value()),
                newValue == null ? null : hasher.bindValue(newValue), hasher.keyId(), settings.maxAttempts(), expiresAt, now);
        if (!firstClaim) { // the first claim in a day has no older live code (OtpSendClaims.Claim): one statement less
            codes.dropOldestBeyond(subject, purpose, settings.maxLiveCodes(), now);
        }
        if (!code.fixed()) { // a QA identifier's fixed code is known: nothing to send
            Map<String, Object> message = new HashMap<>(model);
            message.put("code", code.value());
            message.put("expires_in_minutes", settings.expiryMinutes());
            notifications.enqueue(channel, recipient, purpose.id(), message);
        }
        events.publishEvent(new OtpSent(customerId, purpose, channel, recipient, !code.fixed()));
        return new IssuedOtp(token(id, purpose, newValue, expiresAt), expiresAt);
    }

    /** A row whose code nobody knows (the hash of a longer random string) and which reaches nobody. */
    private IssuedOtp insertDecoy(String subject, OtpPurpose purpose, boolean firstClaim, Instant now) {
        Instant expiresAt = now.plus(Duration.ofMinutes(settings.expiryMinutes()));
        String id = newId();
        codes.insert(id, subject, null, purpose, hasher.hash(generator.next() + generator.next()), null,
                hasher.keyId(), settings.maxAttempts(), expiresAt, now);
        if (!firstClaim) {
            codes.dropOldestBeyond(subject, purpose, settings.maxLiveCodes(), now);
        }
        return new IssuedOtp(token(id, purpose, null, expiresAt), expiresAt);
    }

    private void notSent(OtpPurpose purpose, Channel channel, String outcome) {
        events.publishEvent(new OtpSendRefused(purpose, channel.name().toLowerCase(java.util.Locale.ROOT), outcome));
    }

    private static Channel channelOf(String identifier) {
        return identifier.contains("@") ? Channel.EMAIL : Channel.SMS;
    }

    private static String newId() {
        return "otp_" + UlidCreator.getMonotonicUlid();
    }

    private static ApiException locked(Instant until, Instant now) {
        return ApiException.tooManyRequests("Too many wrong codes. Codes for this are blocked for now; try again later.",
                "otp_locked", Duration.between(now, until));
    }

    private static Map<String, Object> handleBody(String token, Instant expiresAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("expires_at", expiresAt);
        return body;
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
        throttles.claim(customerId, purpose, throttle, clock.instant()).refusedFor().ifPresent(wait -> {
            throw ApiException.tooManyRequests("Please wait before requesting another code", "otp_throttled", wait);
        });
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    /** A handle: the code's id, its purpose (and kind and expiry, added by {@link Jwts#sign}); nothing else. */
    private String token(String id, OtpPurpose purpose, String newValue, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("otp_id", id);
        claims.put("purpose", purpose.id());
        if (newValue != null) {
            claims.put("new_value", newValue); // contact change only (authenticated); bound by the row's value_hash
        }
        return jwts.sign(TokenKind.OTP, claims, expiresAt);
    }
}
