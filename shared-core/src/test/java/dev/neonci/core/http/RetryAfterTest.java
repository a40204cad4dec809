package dev.neonci.core.http;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void seconds() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), RetryAfter.parse("2", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(" 0 ", NOW));
    }

    @Test
    void httpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Sun, 01 Mar 2026 12:01:30 GMT", NOW));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", NOW));
    }

    @Test
    void absentOrGarbageFallsBackToBackoff() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999999", NOW));
    }
}
