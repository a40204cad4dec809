package dev.neonci.core.it;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.NeonAuthenticationException;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonNotFoundException;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.ProgressListener;
import dev.neonci.core.wait.Deadline;
import dev.neonci.emulator.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthAndProjectTest {

    @Test
    void aWrongKeyGivesTheSeedMessageWithTheRequestId() {
        try (Emulated e = new Emulated(Duration.ZERO);
             NeonClient wrong = NeonClient.builder().apiKey("napi_wrong_key_123").baseUrl(e.emulator.baseUrl()).build()) {
            BranchLifecycle l = new BranchLifecycle(wrong, e.projectId(), ProgressListener.NONE);
            NeonAuthenticationException ex = assertThrows(NeonAuthenticationException.class,
                    () -> l.ensureBranch(EnsureBranchRequest.builder("ci-1").build(), Deadline.after(Duration.ofSeconds(10))));
            RecordedRequest sent = e.emulator.requestLog().last();
            assertEquals(401, sent.status());
            assertEquals("Neon rejected the API key (HTTP 401): it is missing, invalid or revoked (request id "
                    + sent.header("X-Request-ID") + ")", ex.getMessage());
            assertFalse(ex.getMessage().contains("napi_wrong_key_123"));
            assertEquals(1, e.emulator.requestLog().size(), "a 401 is not retried");
        }
    }

    @Test
    void anUnknownProjectIsNamed() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            BranchLifecycle l = new BranchLifecycle(e.client, "no-such-project", ProgressListener.NONE);
            NeonNotFoundException ex = assertThrows(NeonNotFoundException.class,
                    () -> l.ensureBranch(EnsureBranchRequest.builder("ci-1").build(), Deadline.after(Duration.ofSeconds(10))));
            assertTrue(ex.getMessage().startsWith("Neon: project no-such-project not found (HTTP 404"), ex.getMessage());
        }
    }

    @Test
    void theClientSendsItsHeadersToTheEmulator() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            e.client.getBranch(e.projectId(), e.emulator.defaultBranchId());
            RecordedRequest r = e.emulator.requestLog().last();
            assertEquals("Bearer " + e.apiKey, r.header("Authorization"));
            assertEquals("neon-ci/" + NeonClient.VERSION + " (it)", r.header("User-Agent"));
            assertEquals("application/json", r.header("Accept"));
            assertTrue(r.responseBody().contains("\"name\":\"main\""), r.responseBody());
        }
    }
}
