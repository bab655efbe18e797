package dev.wspair.cluster;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectId;
import dev.wspair.Request;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a link carries a request for an object to its owner: the original request's headers as they
 * were (less those of the hop: Host, the handshake's own), and in {@code X-Wspair-*} headers the
 * object (class, id, name), the original method, URL, Host, path parameters and user name, and the
 * cluster's link token. The owner rebuilds the request the object would have seen on the entry node.
 */
final class LinkHeaders {

    static final String PATH = "/_wspair/link";

    static final String TOKEN = "X-Wspair-Link";
    static final String OBJECT = "X-Wspair-Object";
    static final String ID = "X-Wspair-Id";
    static final String NAME = "X-Wspair-Name";
    static final String METHOD = "X-Wspair-Method";
    static final String URL = "X-Wspair-Url";
    static final String HOST = "X-Wspair-Host";
    static final String PARAMS = "X-Wspair-Params";
    static final String PRINCIPAL = "X-Wspair-Principal";
    /** On a 503 from the owner: it does not own the object (any more); the entry node asks again. */
    static final String NOT_OWNER = "X-Wspair-Not-Owner";

    private static final String PREFIX = "x-wspair-";
    /** Headers of one hop, which the link's own request has (or must not have) itself. */
    private static final Set<String> HOP = Set.of("host", "connection", "upgrade", "content-length",
            "transfer-encoding", "keep-alive", "expect", "te", "trailer", "proxy-connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-accept", "sec-websocket-protocol");

    private LinkHeaders() {
    }

    /** The headers of a link request for {@code request} to the object {@code id} of {@code type}. */
    static Map<String, String> of(Class<? extends DurableObject> type, DurableObjectId id, Request request,
            String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP.contains(lower) && !lower.startsWith(PREFIX)) {
                headers.put(name, String.join(", ", values));
            }
        });
        headers.put(TOKEN, token);
        headers.put(OBJECT, type.getName());
        headers.put(ID, id.toString());
        if (id.name() != null) {
            headers.put(NAME, encode(id.name()));
        }
        headers.put(METHOD, request.method());
        // encoded: a container may split a header's value at its commas
        headers.put(URL, encode(request.url().toString()));
        if (request.header("Host") != null) {
            headers.put(HOST, request.header("Host"));
        }
        StringBuilder params = new StringBuilder();
        request.pathParams().forEach((name, value) -> params.append(params.length() == 0 ? "" : "&")
                .append(encode(name)).append('=').append(encode(value)));
        headers.put(PARAMS, params.toString());
        if (request.principal() != null) {
            headers.put(PRINCIPAL, encode(request.principal().getName()));
        }
        return headers;
    }

    /** The subprotocols the client asked for, which the link asks the owner for in turn. */
    static String protocols(Request request) {
        return request.header("Sec-WebSocket-Protocol");
    }

    /** The object's id, as the entry node named it. */
    static DurableObjectId id(Request link) {
        String name = link.header(NAME);
        return new DurableObjectId(link.header(ID), name == null ? null : decode(name));
    }

    /** The request the object sees: the original one, rebuilt from the link's request. */
    static Request original(Request link) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        link.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(PREFIX) && !lower.equals("host")) {
                headers.put(name, values);
            }
        });
        if (link.header(HOST) != null) {
            headers.put("Host", List.of(link.header(HOST)));
        }
        Map<String, String> params = new LinkedHashMap<>();
        String encoded = link.header(PARAMS);
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        String user = link.header(PRINCIPAL);
        Principal principal = user == null ? null : new LinkedPrincipal(decode(user));
        return new Request(link.header(METHOD), URI.create(decode(link.header(URL))), headers, params, principal);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The user the entry node authenticated, by name (the owner cannot check it again). */
    private record LinkedPrincipal(String getName) implements Principal {
    }
}
