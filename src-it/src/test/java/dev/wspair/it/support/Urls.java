package dev.wspair.it.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

/**
 * URLs of a deployment, always on 127.0.0.1: Payara reports the machine's address or localhost.
 * Paths are relative to the context root.
 */
public final class Urls {

    private Urls() {
    }

    public static URI http(URL deployment, String relative) {
        String path = deployment.getPath() == null || deployment.getPath().isEmpty() ? "/" : deployment.getPath();
        if (!path.endsWith("/")) {
            path += "/";
        }
        try {
            URI base = new URI("http", null, "127.0.0.1", deployment.getPort(), path, null, null);
            return base.resolve(relative.startsWith("/") ? relative.substring(1) : relative);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(deployment.toString(), e);
        }
    }

    public static URI ws(URL deployment, String relative) {
        return URI.create("ws" + http(deployment, relative).toString().substring("http".length()));
    }
}
