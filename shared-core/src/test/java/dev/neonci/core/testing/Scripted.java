package dev.neonci.core.testing;

import dev.neonci.core.client.NeonClient;
import dev.neonci.core.http.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** A MockWebServer and a client on fake time, for tests where the exact answers matter. */
public final class Scripted implements AutoCloseable {

    /**
     * MockWebServer logs (java.util.logging) a warning for each connection a test deliberately drops or
     * times out; those are expected here. Held in a field: JUL keeps loggers only weakly.
     */
    private static final java.util.logging.Logger MOCK_WEB_SERVER_LOG = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(MockWebServer.class.getName());
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    public final String apiKey = "neon-unit-" + UUID.randomUUID();
    public final MockWebServer server = new MockWebServer();
    public final FakeTime time = new FakeTime();
    public final NeonClient client;

    public Scripted() {
        this(Duration.ofSeconds(2));
    }

    public Scripted(Duration readTimeout) {
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        client = NeonClient.builder()
                .apiKey(apiKey)
                .baseUrl(server.url("/api/v2").toString())
                .userAgentProduct("unit-test")
                .readTimeout(readTimeout)
                .clock(time)
                .sleeper(time)
                // random = 1.0: the delay is the top of the jitter range, so tests can name it.
                .backoff(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), () -> 1.0))
                .build();
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    public static MockResponse error(int status, String code, String message) {
        return json(status, "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }

    public void enqueue(MockResponse r) {
        server.enqueue(r);
    }

    public RecordedRequest take() {
        try {
            RecordedRequest r = server.takeRequest(2, java.util.concurrent.TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no request arrived");
            }
            return r;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        client.close();
        try {
            server.shutdown();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
