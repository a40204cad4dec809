package dev.neonci.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A minimal test client for the emulator over real HTTP (java.net.http), independent of the core's
 * client so the emulator is tested on its own.
 */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;
    private Duration timeout = Duration.ofSeconds(10);

    ApiClient(NeonEmulator emulator, String apiKey) {
        this.baseUrl = emulator.baseUrl() + "/projects/" + emulator.projectId();
        this.apiKey = apiKey;
    }

    ApiClient withTimeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** {@code path} is relative to the project, e.g. "/branches"; an absolute "/api/..." path is used as is. */
    Reply get(String path) throws IOException {
        return send("GET", path, null);
    }

    Reply post(String path, String body) throws IOException {
        return send("POST", path, body);
    }

    Reply delete(String path) throws IOException {
        return send("DELETE", path, null);
    }

    Reply send(String method, String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.header("Accept", "application/json");
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private URI uri(String path) {
        if (path.startsWith("/api/")) {
            return URI.create(baseUrl.substring(0, baseUrl.indexOf("/api/")) + path);
        }
        return URI.create(baseUrl + path);
    }

    /** A response: status, Retry-After header, body text. */
    record Reply(int status, String retryAfter, String body) {

        JsonObject json() {
            JsonElement parsed = JsonParser.parseString(body);
            return parsed.getAsJsonObject();
        }

        JsonObject object(String name) {
            return json().getAsJsonObject(name);
        }
    }
}
