package registration.web;

import java.util.Map;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Query parameters obey the rules of request bodies ({@link PlainText}): a NUL or another control character in a
 * search or filter is a 400 {@code invalid_data} on every route, before any of them reaches the database
 * (PostgreSQL refuses NUL in text, which would otherwise be a 500).
 */
@Configuration(proxyBeanMethods = false)
class PlainQueryParameters implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // An asynchronous route (one that hashes a password) is dispatched a second time with its result: its
        // parameters were checked on the first dispatch.
        if (request.getDispatcherType() != DispatcherType.ASYNC && request.getQueryString() != null) {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                for (String value : parameter.getValue()) {
                    PlainText.checkParameter(parameter.getKey(), value);
                }
            }
        }
        return true;
    }
}
