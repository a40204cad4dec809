package dev.neonci.core.ci;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InputsTest {

    final FakeTime clock = new FakeTime(Instant.parse("2026-06-01T12:00:00Z"));

    static InvalidInputException fails(Runnable r) {
        return assertThrows(InvalidInputException.class, r::run);
    }

    @Test
    void projectId() {
        assertEquals("shiny-wind-028834", Inputs.projectId("project_id", " shiny-wind-028834 "));
        InvalidInputException e = fails(() -> Inputs.projectId("project_id", "Foo Bar"));
        assertEquals("project_id: \"Foo Bar\" is not a valid Neon project id (expected ^[a-z0-9-]{1,60}$)", e.getMessage());
        assertEquals("project_id", e.input());
        assertEquals("projectId: is empty (expected a Neon project id such as shiny-wind-028834)",
                fails(() -> Inputs.projectId("projectId", "")).getMessage());
        fails(() -> Inputs.projectId("project_id", "a".repeat(61)));
        fails(() -> Inputs.projectId("project_id", null));
    }

    @Test
    void branchName() {
        assertEquals("ci/my-job/42", Inputs.branchName("branch_name", "ci/my-job/42"));
        assertEquals("branch_name: is 257 characters long (expected at most 256)",
                fails(() -> Inputs.branchName("branch_name", "x".repeat(257))).getMessage());
        InvalidInputException e = fails(() -> Inputs.branchName("branch_name", "a\u0007b"));
        assertFalse(e.getMessage().contains("\u0007"));
        fails(() -> Inputs.branchName("branch_name", "  "));
    }

    @Test
    void expiresAt() {
        assertNull(Inputs.expiresAt("expires_at", "", clock));
        assertNull(Inputs.expiresAt("expires_at", null, clock));
        assertEquals(Instant.parse("2026-06-02T10:00:00Z"), Inputs.expiresAt("expires_at", "2026-06-02T12:00:00.750+02:00", clock));
        assertEquals("expires_at: \"2026-06-02T12:00:00\" is not an RFC 3339 timestamp with a time zone (expected e.g. 2026-06-09T18:02:16Z)",
                fails(() -> Inputs.expiresAt("expires_at", "2026-06-02T12:00:00", clock)).getMessage());
        assertEquals("expires_at: \"2026-05-01T00:00:00Z\" is not in the future (now is 2026-06-01T12:00:00Z)",
                fails(() -> Inputs.expiresAt("expires_at", "2026-05-01T00:00:00Z", clock)).getMessage());
        assertTrue(fails(() -> Inputs.expiresAt("expires_at", "2026-07-02T00:00:00Z", clock)).getMessage().contains("30 days"));
        assertNotNull(Inputs.expiresAt("expires_at", "2026-07-01T12:00:00Z", clock), "exactly 30 days is allowed");
    }

    @Test
    void timeout() {
        assertEquals(Duration.ofSeconds(600), Inputs.timeout("timeout", "600"));
        assertEquals(Duration.ofHours(6), Inputs.timeout("timeout", "21600"));
        assertEquals("timeout: \"0\" is out of range (expected 1 to 21600 seconds)", fails(() -> Inputs.timeout("timeout", "0")).getMessage());
        fails(() -> Inputs.timeout("timeout", "21601"));
        fails(() -> Inputs.timeout("timeout", "10m"));
        fails(() -> Inputs.timeout("timeout", "-5"));
    }

    @Test
    void apiUrl() {
        assertEquals("https://console.neon.tech/api/v2", Inputs.apiUrl("api_host", "https://console.neon.tech/api/v2/"));
        assertEquals("http://127.0.0.1:4010/api/v2", Inputs.apiUrl("api_host", "http://127.0.0.1:4010/api/v2"));
        InvalidInputException e = fails(() -> Inputs.apiUrl("api_host", "http://example.com/api/v2"));
        assertEquals("api_host", e.input());
        assertTrue(e.getMessage().contains("plain http://"), e.getMessage());
        fails(() -> Inputs.apiUrl("api_host", "not a url"));
    }

    @Test
    void duration() {
        assertEquals(Duration.ofDays(7), Inputs.duration("older_than", "7d"));
        assertEquals(Duration.ofHours(12), Inputs.duration("older_than", "12h"));
        assertEquals(Duration.ofMinutes(30), Inputs.duration("older_than", "30m"));
        assertEquals(Duration.ofSeconds(3600), Inputs.duration("older_than", "3600"));
        assertEquals(Duration.ofSeconds(45), Inputs.duration("older_than", "45s"));
        assertEquals(Duration.ofDays(14), Inputs.duration("older_than", "2W"));
        assertEquals("older_than: \"7 days\" is not a duration (expected e.g. 7d, 12h, 30m, 45s or a number of seconds)",
                fails(() -> Inputs.duration("older_than", "7 days")).getMessage());
        fails(() -> Inputs.duration("older_than", "0d"));
        fails(() -> Inputs.duration("older_than", ""));
    }

    @Test
    void apiKeyIsNeverEchoed() {
        assertEquals("api_key: is empty (expected a Neon API key)", fails(() -> Inputs.apiKey("api_key", " ")).getMessage());
        assertEquals("napi_x", Inputs.apiKey("api_key", " napi_x\n"));
    }

    @Test
    void optionalNumbersAndBooleans() {
        assertNull(Inputs.suspendTimeoutSeconds("suspend_timeout", ""));
        assertEquals(-1, Inputs.suspendTimeoutSeconds("suspend_timeout", "-1"));
        assertEquals(300, Inputs.suspendTimeoutSeconds("suspend_timeout", "300"));
        fails(() -> Inputs.suspendTimeoutSeconds("suspend_timeout", "604801"));
        fails(() -> Inputs.suspendTimeoutSeconds("suspend_timeout", "5m"));
        assertEquals(0.25, Inputs.computeUnits("min_cu", "0.25"));
        assertNull(Inputs.computeUnits("min_cu", null));
        fails(() -> Inputs.computeUnits("min_cu", "0.1"));
        fails(() -> Inputs.computeUnits("min_cu", "NaN"));
        assertTrue(Inputs.bool("schema_only", "TRUE", false));
        assertFalse(Inputs.bool("schema_only", "no", true));
        assertTrue(Inputs.bool("schema_only", "", true));
        assertEquals("schema_only: \"maybe\" is not a boolean (expected true or false)",
                fails(() -> Inputs.bool("schema_only", "maybe", false)).getMessage());
    }

    @Test
    void messagesAreOneLineWhateverIsTyped() {
        InvalidInputException e = fails(() -> Inputs.projectId("project_id", "a\nb\r\nc"));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertTrue(fails(() -> Inputs.branchName("branch_name", "x".repeat(5000) + "\u0001")).getMessage().length() < 200);
    }
}
