package dev.wspair.client;

import dev.wspair.SyntaxException;
import dev.wspair.engine.Messages;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The checks of workerd's {@code new WebSocket(url, protocols)}, in its order, with its messages. */
final class ClientUrls {

    private static final String SEPARATORS = "()<>@,;:\\/[]?={}";

    private ClientUrls() {
    }

    /**
     * The URL to connect to: absolute, {@code ws} or {@code wss} (also {@code http} and {@code https}
     * when {@code httpAllowed}, as fetch accepts them), no fragment; user info is dropped.
     */
    static URI parse(String url, boolean httpAllowed) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new SyntaxException(Messages.URL_INVALID);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new SyntaxException(Messages.URL_INVALID);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (httpAllowed && (scheme.equals("http") || scheme.equals("https"))) {
            scheme = scheme.equals("http") ? "ws" : "wss";
        } else if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new SyntaxException(Messages.URL_SCHEME);
        }
        if (uri.getRawFragment() != null) {
            throw new SyntaxException(Messages.URL_FRAGMENT);
        }
        try {
            return new URI(scheme, null, uri.getHost(), uri.getPort(), uri.getRawPath().isEmpty() ? "/" : uri.getPath(),
                    uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new SyntaxException(Messages.URL_INVALID);
        }
    }

    /** Checks the subprotocols: tokens, no repeats (case-sensitive). One given alone uses the string form's message. */
    static void checkProtocols(List<String> protocols, boolean givenAsList) {
        Set<String> seen = new HashSet<>();
        for (String protocol : protocols) {
            if (!isToken(protocol)) {
                throw new SyntaxException(givenAsList ? Messages.PROTOCOLS_INVALID : Messages.PROTOCOL_INVALID);
            }
            if (!seen.add(protocol)) {
                throw new SyntaxException(Messages.PROTOCOLS_REPEATED);
            }
        }
    }

    /** An RFC 6455 token: one or more of 0x21-0x7E except the separators. */
    static boolean isToken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || SEPARATORS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
