package dev.wspair.conformance.diff;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A conformance peer known only by its base URL ({@code ws://127.0.0.1:N}, or with a path when it
 * is deployed under a context root: {@code ws://127.0.0.1:N/peer}); how it was started does not
 * matter. {@code label} names it in reports ("workerd", "java").
 */
public final class Peer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String label;
    private final URI base;

    public Peer(String label, String baseUrl) {
        this.label = label;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        if (!"ws".equals(base.getScheme()) || base.getHost() == null || base.getPort() <= 0) {
            throw new IllegalArgumentException("expected ws://host:port, got " + baseUrl);
        }
    }

    public String label() {
        return label;
    }

    public URI base() {
        return base;
    }

    /** {@code relative} ({@code /peer?...}, {@code /log?...}) under the peer's base path. */
    public String path(String relative) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        return (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix) + relative;
    }

    /** {@code GET /log?id=ID}: the peer's observation log. */
    public JsonArray log(String id) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + base.getHost() + ":" + base.getPort()
                + path("/log?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException(label + ": GET /log answered " + response.statusCode() + ": " + response.body());
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readArray();
        }
    }

    @Override
    public String toString() {
        return label + " " + base;
    }
}
