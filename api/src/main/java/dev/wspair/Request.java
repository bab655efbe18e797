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

    public Request(String method, URI url, Map<String, List<String>> headers, Map<String, String> pathParams,
            Principal principal) {
        this.method = Objects.requireNonNull(method, "method");
        this.url = Objects.requireNonNull(url, "url");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        this.headers = Collections.unmodifiableMap(copy);
        this.pathParams = Map.copyOf(pathParams);
        this.principal = principal;
    }

    public String method() {
        return method;
    }

    /** The full URL, with the query. */
    public URI url() {
        return url;
    }

    /** The path, with the context path of the application. */
    public String path() {
        return url.getPath();
    }

    /**
     * The value of a header, as the Fetch API's {@code headers.get(name)}: several values are
     * joined with {@code ", "}; {@code null} when absent.
     */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : String.join(", ", values);
    }

    /** Every header, by case-insensitive name. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Whether {@code Upgrade} lists {@code websocket} (case-insensitive), as workerd checks it. */
    public boolean isWebSocketUpgrade() {
        return hasWebSocketUpgrade(header("Upgrade"));
    }

    /** Whether an {@code Upgrade} header value lists {@code websocket}, case-insensitive. */
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

    /** The value of a {@code {name}} segment of the route; {@code null} if the route has none. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Map<String, String> pathParams() {
        return pathParams;
    }

    /** The first value of a query parameter, decoded; {@code null} when absent. */
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

    /** The authenticated user, or {@code null}. */
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
