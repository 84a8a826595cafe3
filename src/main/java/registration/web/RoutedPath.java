package registration.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a filter must judge a request by: the one the dispatcher would route it to, not the raw URI a
 * client chose to spell. Each segment is percent-decoded and loses its {@code ;parameters}, empty and
 * {@code .} segments go, {@code ..} climbs, a trailing slash is dropped, and the result is lower-cased — so
 * {@code /%73tore/x}, {@code /store;a=1/x}, {@code //store/x}, {@code /a/../store/x} and {@code /STORE/x} all
 * read {@code /store/x}. Lower-casing makes a filter judge more paths than MVC routes (MVC matching is
 * case-sensitive), never fewer: a limit or a key check on a path that then answers 404 costs nothing.
 */
public final class RoutedPath {

    private RoutedPath() {
    }

    public static String of(HttpServletRequest request) {
        return of(request.getRequestURI(), request.getContextPath());
    }

    /** {@code null} when the URI cannot be parsed (a broken %-escape): no route matches it either. */
    public static String of(String requestUri, String contextPath) {
        PathContainer path;
        try {
            path = RequestPath.parse(requestUri, contextPath).pathWithinApplication();
        } catch (IllegalArgumentException e) {
            return null;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (PathContainer.Element element : path.elements()) {
            if (!(element instanceof PathContainer.PathSegment segment)) {
                continue; // a separator
            }
            String value = segment.valueToMatch();
            if (value.isEmpty() || value.equals(".")) {
                continue;
            }
            if (value.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(value);
            }
        }
        return ("/" + String.join("/", segments)).toLowerCase(Locale.ROOT);
    }

    /** Whether {@code path} (as {@link #of} gives it) is {@code prefix} or lies below it. */
    public static boolean within(String path, String prefix) {
        return path != null && (path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}
