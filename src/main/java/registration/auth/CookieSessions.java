package registration.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.servlet.http.HttpServletRequest;
import registration.ratelimit.ForwardedProto;
import registration.web.ApiException;
import registration.web.ErrorType;

/**
 * The SDK's session mode ({@code auth: {type: "session"}}): {@code POST /auth/session} turns a bearer login token
 * into an HttpOnly, {@code SameSite=Lax} cookie (also {@code Secure} over HTTPS, directly or through a trusted
 * proxy), stored in {@code auth_session} so that every instance knows it; {@code DELETE /auth/session} with the
 * cookie ends that session only. A session is revoked with its identity's credential version, as tokens are.
 * <p>
 * CSRF ({@link #requireSdkHeaders}): a state-changing request authenticated by the cookie must say
 * {@code Content-Type: application/json} — as the Medusa JS SDK does on every request — and must not come from
 * another site. A browser sends that content type across origins only after a CORS preflight, which only
 * {@code store.cors} origins pass; a plain form post or image request of another site cannot.
 */
@Service
class CookieSessions {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuthSessions sessions;
    private final TokenCheck tokens;
    private final SessionSettings settings;
    private final ForwardedProto forwardedProto;
    private final Clock clock;

    CookieSessions(AuthSessions sessions, TokenCheck tokens, SessionSettings settings, ForwardedProto forwardedProto,
                   Clock clock) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.settings = settings;
        this.forwardedProto = forwardedProto;
        this.clock = clock;
    }

    /**
     * {@code POST /auth/session}: a session for the identity of the request's bearer login token (customer or
     * admin), answered as a cookie. A session the same browser held before ends (the SDK starts a new one on
     * every login and refresh), and so do the identity's sessions that can never be good again.
     */
    @Transactional
    Started begin(HttpServletRequest request) {
        String token = TokenCheck.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        SessionActor actor = tokens.read(token, TokenKind.LOGIN).map(claims -> tokens.session(claims, null))
                .orElseThrow(TokenCheck::unauthorized);
        String previous = tokens.cookieValue(request);
        if (previous != null) {
            sessions.delete(AuthSessions.idOf(previous));
        }
        Instant now = clock.instant();
        AuthIdentity identity = actor.identity();
        sessions.deleteDead(identity.id(), identity.credentialVersion(), now);
        String value = AuthSessions.newCookieValue();
        Instant expiresAt = now.plus(settings.lifetime());
        sessions.insert(new AuthSession(AuthSessions.idOf(value), identity.id(), actor.provider(),
                identity.credentialVersion(), now, expiresAt));
        return new Started(cookie(request, value, settings.lifetime()), expiresAt);
    }

    /**
     * {@code DELETE /auth/session} with a cookie: ends the session it names, live or not (an expired or revoked
     * one is ended all the same, so that the SDK's {@code logout()} never fails on it). False when the cookie names
     * no session: then the bearer token decides.
     */
    @Transactional
    boolean end(HttpServletRequest request) {
        String value = tokens.cookieValue(request);
        if (value == null || sessions.find(AuthSessions.idOf(value)).isEmpty()) {
            return false;
        }
        requireSdkHeaders(request);
        sessions.delete(AuthSessions.idOf(value));
        return true;
    }

    boolean hasCookie(HttpServletRequest request) {
        return tokens.cookieValue(request) != null;
    }

    /** The header that makes the browser forget the cookie. */
    ResponseCookie clearing(HttpServletRequest request) {
        return cookie(request, "", Duration.ZERO);
    }

    private ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(settings.cookieName(), value).path("/").maxAge(maxAge).httpOnly(true)
                .secure(forwardedProto.https(request)).sameSite("Lax").build();
    }

    /** The CSRF rule for a request authenticated by the session cookie (see the class comment): 403 when broken. */
    static void requireSdkHeaders(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            throw csrf();
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        try {
            if (contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
                return;
            }
        } catch (InvalidMediaTypeException e) {
            // refused below
        }
        throw csrf();
    }

    private static ApiException csrf() {
        return new ApiException(ErrorType.FORBIDDEN, "A request authenticated by the session cookie must be sent "
                + "with Content-Type: application/json from the storefront's own site", "csrf_check_failed");
    }

    record Started(ResponseCookie cookie, Instant expiresAt) {
    }
}
