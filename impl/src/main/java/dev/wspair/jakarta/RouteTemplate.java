package dev.wspair.jakarta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's path template, {@code /chat/{room}}: literal segments, and {@code {name}} segments that
 * match one non-empty segment each (JSR-356's level-1 URI templates).
 */
final class RouteTemplate {

    private final String template;
    private final List<String> segments;
    /** No {@code {name}} segment: the template matches its own path only, compared as it is. */
    private final boolean literal;

    RouteTemplate(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("A route must start with '/': " + template);
        }
        this.template = template;
        this.segments = split(template);
        boolean variables = false;
        for (String segment : segments) {
            if (segment.contains("{") && !isVariable(segment)) {
                throw new IllegalArgumentException("A route segment is either literal or a whole {name}: " + template);
            }
            variables |= isVariable(segment);
        }
        this.literal = !variables;
    }

    String template() {
        return template;
    }

    /** The path parameters when {@code path} matches, else {@code null}. */
    Map<String, String> match(String path) {
        if (literal) {
            // every request looks at every route: no split and no map for a route without parameters
            return template.equals(path) ? Map.of() : null;
        }
        List<String> parts = split(path);
        if (parts.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String segment = segments.get(i);
            String part = parts.get(i);
            if (isVariable(segment)) {
                if (part.isEmpty()) {
                    return null;
                }
                params.put(segment.substring(1, segment.length() - 1), part);
            } else if (!segment.equals(part)) {
                return null;
            }
        }
        return params;
    }

    /** The servlet URL pattern that reaches every path this template matches. */
    String servletPattern() {
        StringBuilder prefix = new StringBuilder();
        for (String segment : segments) {
            if (isVariable(segment)) {
                return prefix + "/*";
            }
            prefix.append('/').append(segment);
        }
        return prefix.length() == 0 ? "/" : prefix.toString();
    }

    private static boolean isVariable(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}")
                && segment.indexOf('{', 1) < 0 && segment.indexOf('}') == segment.length() - 1;
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        int start = 1;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            parts.add(path.substring(start, end));
            start = end + 1;
        }
        return parts;
    }

    @Override
    public String toString() {
        return template;
    }
}
