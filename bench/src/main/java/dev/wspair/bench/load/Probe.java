package dev.wspair.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP GET whose answer is {@code k=v} words (the bench room's stats). */
final class Probe {

    private Probe() {
    }

    static Map<String, String> get(URI uri) {
        Map<String, String> words = new LinkedHashMap<>();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            words.put("status", Integer.toString(response.statusCode()));
            for (String word : response.body().trim().split("\\s+")) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    words.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            words.put("error", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            words.put("error", e.toString());
        }
        return words;
    }
}
