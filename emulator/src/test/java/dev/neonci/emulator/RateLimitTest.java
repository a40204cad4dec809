package dev.neonci.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Past the configured requests per sliding minute the emulator answers 429 with Retry-After. */
class RateLimitTest extends EmulatorTestSupport {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @Test
    void answers429WithRetryAfterUntilTheWindowFrees() throws Exception {
        start(NeonEmulator.builder().operationDuration(Duration.ZERO).rateLimitPerMinute(3).clock(clock));
        assertEquals(200, api.get("/branches").status());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(200, api.get("/branches").status());
        assertEquals(200, api.get("/branches").status());

        clock.advance(Duration.ofSeconds(20)); // 30 s after the first request
        ApiClient.Reply limited = api.get("/branches");
        assertEquals(429, limited.status());
        assertEquals("30", limited.retryAfter(), "seconds until the oldest request leaves the window");
        assertNotNull(limited.json().get("message"));
        assertEquals(429, api.post("/branches", "{\"branch\":{\"name\":\"x\"}}").status(), "every route counts");
        assertEquals(1, emulator.branches(emulator.projectId()).size());

        clock.advance(Duration.ofSeconds(30));
        ApiClient.Reply admitted = api.get("/branches");
        assertEquals(200, admitted.status());
        assertNull(admitted.retryAfter());
    }

    @Test
    void unlimitedByDefault() throws Exception {
        start(NeonEmulator.builder().operationDuration(Duration.ZERO).clock(clock));
        for (int i = 0; i < 50; i++) {
            assertEquals(200, api.get("/branches").status());
        }
    }
}
