package registration.apidocs;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The controller routes of the application, {@code "METHOD /path"} to their handler, read from Spring MVC's
 * {@link RequestMappingHandlerMapping} (so the document can be checked against what actually answers).
 */
class Routes {

    private final RequestMappingHandlerMapping mapping;

    Routes(RequestMappingHandlerMapping mapping) {
        this.mapping = mapping;
    }

    Map<String, HandlerMethod> handlers() {
        Map<String, HandlerMethod> routes = new LinkedHashMap<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("registration.")) {
                return; // springdoc's own endpoints
            }
            for (String path : info.getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(method -> routes.put(method.name() + " " + path, handler));
            }
        });
        return routes;
    }
}
