package dev.wspair;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP request as a {@link FetchHandler} sees it: method, URL, headers (names are
 * case-insensitive), the path parameters of its {@link Route}, the query, and the authenticated
 * user. Immutable.
 */
public final class Request {

    private final String method;
    private final URI url;
    private final Map<String, List<String>> headers;
    private final Map<String, String> pathParams;
    private final Principal principal;

    /**
     * Creates a request. The runtime creates them; applications need this only to call a handler
     * themselves, e.g. in tests.
     *
     * @param method the HTTP method
     * @param url the full URL, with the query
     * @param headers the headers; names that differ only in case are merged
     * @param pathParams the values of the route's {@code {name}} segments
     * @param principal the authenticated user, or {@code null}
     */
    public Request(String method, URI url, Map<String, List<String>> headers, Map<String, String> pathParams,
            Principal principal) {
        this.method = Objects.requireNonNull(method, "method");
        this.url = Objects.requireNonNull(url, "url");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), Request::joined));
        this.headers = Collections.unmodifiableMap(copy);
        this.pathParams = Map.copyOf(pathParams);
        this.principal = principal;
    }

    /** The values of two header names that differ only in case, in the order given. */
    private static List<String> joined(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    /**
     * The HTTP method.
     *
     * @return the method as received, e.g. {@code "GET"}
     */
    public String method() {
        return method;
    }

    /**
     * The full URL, with the query.
     *
     * @return the URL
     */
    public URI url() {
        return url;
    }

    /**
     * The path, with the context path of the application.
     *
     * @return the decoded path of {@link #url()}
     */
    public String path() {
        return url.getPath();
    }

    /**
     * The value of a header, as the Fetch API's {@code headers.get(name)}: several values are
     * joined with {@code ", "}.
     *
     * @param name the header name, in any case
     * @return the value, or {@code null} when absent
     */
    public String header(String name) {
        List<String> values = headers.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    /**
     * Every header.
     *
     * @return the values of each header, by case-insensitive name; unmodifiable
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * Whether {@code Upgrade} lists {@code websocket} (case-insensitive), as workerd checks it.
     *
     * @return {@code true} for a WebSocket upgrade request
     */
    public boolean isWebSocketUpgrade() {
        return hasWebSocketUpgrade(header("Upgrade"));
    }

    /**
     * Whether an {@code Upgrade} header value lists {@code websocket}, case-insensitive.
     *
     * @param upgrade the header value, or {@code null}
     * @return {@code true} when one of its comma-separated tokens is {@code websocket}
     */
    public static boolean hasWebSocketUpgrade(String upgrade) {
        if (upgrade == null) {
            return false;
        }
        for (String token : upgrade.split(",")) {
            if (token.trim().toLowerCase(Locale.ROOT).equals("websocket")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value of a {@code {name}} segment of the route.
     *
     * @param name the name between the braces
     * @return the segment's value, or {@code null} if the route has no such segment
     */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /**
     * The values of all {@code {name}} segments of the route.
     *
     * @return the values by name; unmodifiable, empty for a route without parameters
     */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter name, decoded
     * @return the decoded value ({@code ""} for a parameter without {@code =}), or {@code null}
     *     when absent
     */
    public String query(String name) {
        String query = url.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /**
     * The authenticated user.
     *
     * @return the container's user principal, or {@code null} when not authenticated
     */
    public Principal principal() {
        return principal;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + url.getPath();
    }
}
