package registration.auth;

import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import registration.web.NoBody;

/**
 * {@code POST /auth/session} (bearer token → session cookie) and {@code DELETE /auth/session}: with the cookie it
 * ends that session only (the SDK's {@code logout()} in session mode); with only a bearer token it logs out
 * everywhere, as before session mode existed (SPEC 11 "Sessions").
 */
@RestController
class AuthSessionController {

    private final CookieSessions cookies;
    private final SessionService sessions;
    private final TokenCheck tokens;

    AuthSessionController(CookieSessions cookies, SessionService sessions, TokenCheck tokens) {
        this.cookies = cookies;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    record SessionStarted(boolean success, Instant expiresAt) {
    }

    record LoggedOut(boolean success) {
    }

    @PostMapping("/auth/session")
    ResponseEntity<SessionStarted> begin(HttpServletRequest request, @RequestBody(required = false) NoBody none) {
        CookieSessions.Started started = cookies.begin(request);
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, started.cookie().toString())
                .body(new SessionStarted(true, started.expiresAt()));
    }

    @DeleteMapping("/auth/session")
    ResponseEntity<LoggedOut> logOut(HttpServletRequest request, @RequestBody(required = false) NoBody none) {
        if (!cookies.end(request)) {
            String token = TokenCheck.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
            SessionActor session = tokens.read(token, TokenKind.LOGIN)
                    .or(() -> tokens.read(token, TokenKind.REGISTRATION))
                    .map(claims -> tokens.session(claims, null))
                    .orElseThrow(TokenCheck::unauthorized);
            sessions.logOutEverywhere(session);
        }
        var answer = ResponseEntity.ok();
        if (cookies.hasCookie(request)) {
            answer.header(HttpHeaders.SET_COOKIE, cookies.clearing(request).toString());
        }
        return answer.body(new LoggedOut(true));
    }
}
