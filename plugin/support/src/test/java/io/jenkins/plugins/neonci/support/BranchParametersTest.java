package io.jenkins.plugins.neonci.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.SslMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BranchParametersTest {

    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void defaultsUseTheDerivedNameAndLeaveTheRestToTheCore() {
        EnsureBranchRequest r = new BranchParameters().branchName("  ").toRequest("ci/my-job/42", CLOCK);
        assertEquals("ci/my-job/42", r.branchName());
        assertNull(r.parent());
        assertNull(r.database());
        assertNull(r.role());
        assertEquals(SslMode.REQUIRE, r.sslMode());
        assertNull(r.expiresAt());
        assertNull(r.suspendTimeoutSeconds());
        assertFalse(r.schemaOnly());
    }

    @Test
    void everyParameterReachesTheRequest() {
        EnsureBranchRequest r = new BranchParameters()
                .branchName(" feature-x ")
                .parent("main")
                .database("app")
                .role("app_owner")
                .sslMode("verify-full")
                .ttl("2h")
                .suspendTimeout(300)
                .toRequest("ci/my-job/42", CLOCK);
        assertEquals("feature-x", r.branchName());
        assertEquals("main", r.parent());
        assertEquals("app", r.database());
        assertEquals("app_owner", r.role());
        assertEquals(SslMode.VERIFY_FULL, r.sslMode());
        assertEquals(NOW.plus(Duration.ofHours(2)), r.expiresAt());
        assertEquals(Integer.valueOf(300), r.suspendTimeoutSeconds());
    }

    @Test
    void expiresAtIsParsedByTheCore() {
        EnsureBranchRequest r = new BranchParameters().expiresAt("2026-11-24T12:00:00Z").toRequest("b", CLOCK);
        assertEquals(Instant.parse("2026-11-24T12:00:00Z"), r.expiresAt());
    }

    @Test
    void mistakesNameTheStepParameter() {
        assertInput("sslMode", () -> new BranchParameters().sslMode("sometimes").toRequest("b", CLOCK));
        assertInput("expiresAt", () -> new BranchParameters().expiresAt("tomorrow").toRequest("b", CLOCK));
        assertInput("expiresAt", () -> new BranchParameters().expiresAt("2026-11-22T00:00:00Z").toRequest("b", CLOCK));
        assertInput("ttl", () -> new BranchParameters().ttl("soon").toRequest("b", CLOCK));
        assertInput("ttl", () -> new BranchParameters().ttl("31d").toRequest("b", CLOCK));
        assertInput("ttl", () -> new BranchParameters().ttl("1h").expiresAt("2026-11-24T12:00:00Z").toRequest("b", CLOCK));
        assertInput("suspendTimeout", () -> new BranchParameters().suspendTimeout(-5).toRequest("b", CLOCK));
        assertInput("branchName", () -> new BranchParameters().branchName("a\u0007b").toRequest("b", CLOCK));
        assertInput("parent", () -> new BranchParameters().parent("x".repeat(300)).toRequest("b", CLOCK));
    }

    @Test
    void timeoutDefaultsAndBounds() {
        assertEquals(Duration.ofSeconds(BranchParameters.DEFAULT_TIMEOUT_SECONDS), BranchParameters.timeout(0));
        assertEquals(Duration.ofSeconds(90), BranchParameters.timeout(90));
        assertInput("timeout", () -> BranchParameters.timeout(-1));
        assertInput("timeout", () -> BranchParameters.timeout(6 * 3600 + 1));
    }

    private static void assertInput(String input, Runnable r) {
        InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
        assertEquals(input, e.input());
        assertTrue(e.getMessage().startsWith(input + ": "), e.getMessage());
    }
}
