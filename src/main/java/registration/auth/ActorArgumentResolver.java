package registration.auth;

import java.util.Optional;
import java.util.Set;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import jakarta.servlet.http.HttpServletRequest;
import registration.web.ApiException;

/**
 * Resolves {@link CustomerActor}, {@link RegistrationActor}, {@link AdminActor} and {@link SessionActor}
 * controller parameters from the {@code Authorization: Bearer} JWT, checked by {@link TokenCheck}: a revoked
 * token is refused and a suspended identity answered 403. Without a bearer token, the session cookie of the
 * SDK's session mode stands for a login token (never for a registration token), under the CSRF rule of
 * {@link CookieSessions#requireSdkHeaders}.
 */
@Component
class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    private static final Set<Class<?>> ACTORS =
            Set.of(CustomerActor.class, RegistrationActor.class, AdminActor.class, SessionActor.class);

    private final TokenCheck tokens;

    ActorArgumentResolver(TokenCheck tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return ACTORS.contains(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        String token = TokenCheck.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        Class<?> wanted = parameter.getParameterType();
        if (token == null && wanted != RegistrationActor.class) {
            var servletRequest = request.getNativeRequest(HttpServletRequest.class);
            var cookie = servletRequest == null ? Optional.<AuthSession>empty() : tokens.cookieSession(servletRequest);
            if (cookie.isPresent()) {
                CookieSessions.requireSdkHeaders(servletRequest);
                return fromCookie(wanted, cookie.get());
            }
        }
        if (wanted == RegistrationActor.class) {
            if (tokens.read(token, TokenKind.LOGIN).isPresent()) {
                // Medusa's answer to a live customer's token; an admin's or a revoked one is simply not valid here.
                authenticate(token, TokenKind.LOGIN, ActorType.CUSTOMER);
                throw ApiException.invalid("Request already authenticated as a customer.");
            }
            var session = authenticate(token, TokenKind.REGISTRATION, ActorType.CUSTOMER);
            return new RegistrationActor(session.identity(), session.provider());
        }
        if (wanted == CustomerActor.class) {
            var session = authenticate(token, TokenKind.LOGIN, ActorType.CUSTOMER);
            return new CustomerActor(session.identity().actorId(), session.identity().id(), session.provider());
        }
        if (wanted == AdminActor.class) {
            var session = authenticate(token, TokenKind.LOGIN, ActorType.USER);
            return new AdminActor(session.identity().actorId(), session.identity().id());
        }
        return tokens.read(token, TokenKind.LOGIN)
                .or(() -> tokens.read(token, TokenKind.REGISTRATION))
                .map(claims -> tokens.session(claims, null))
                .orElseThrow(TokenCheck::unauthorized);
    }

    private Object fromCookie(Class<?> wanted, AuthSession cookie) {
        if (wanted == CustomerActor.class) {
            var session = tokens.session(cookie, ActorType.CUSTOMER);
            if (session.identity().actorId() == null) {
                throw TokenCheck.unauthorized();
            }
            return new CustomerActor(session.identity().actorId(), session.identity().id(), session.provider());
        }
        if (wanted == AdminActor.class) {
            var session = tokens.session(cookie, ActorType.USER);
            return new AdminActor(session.identity().actorId(), session.identity().id());
        }
        return tokens.session(cookie, null);
    }

    private SessionActor authenticate(String token, TokenKind kind, ActorType actorType) {
        return tokens.read(token, kind).map(claims -> tokens.session(claims, actorType)).orElseThrow(TokenCheck::unauthorized);
    }
}
