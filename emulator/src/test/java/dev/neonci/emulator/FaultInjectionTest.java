package dev.neonci.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults as a client sees them over real HTTP, and whether the request took effect. */
class FaultInjectionTest extends EmulatorTestSupport {

    private static final String CREATE = "{\"branch\":{\"name\":\"faulty\"}}";

    @BeforeEach
    void startEmulator() {
        start(NeonEmulator.builder().operationDuration(Duration.ZERO));
    }

    private boolean branchExists(String name) {
        return emulator.branches(emulator.projectId()).stream().anyMatch(b -> b.name().equals(name) && !b.deleted());
    }

    @Test
    void statusFaultAnswersGeneralErrorWithoutApplyingTheRequest() throws Exception {
        emulator.faults().next("POST", "/branches$", 1, Fault.status(503));
        ApiClient.Reply failed = api.post("/branches", CREATE);
        assertEquals(503, failed.status());
        assertNotNull(failed.json().get("message"));
        assertNotNull(failed.json().get("code"));
        assertFalse(branchExists("faulty"));

        assertEquals(201, api.post("/branches", CREATE).status(), "the fault was used up");
        assertEquals(0, emulator.faults().remaining());
    }

    @Test
    void statusFaultWithRetryAfterAndCustomCodeAndMessage() throws Exception {
        emulator.faults().next("GET", "/branches$", 1,
                Fault.status(429).withRetryAfter("2").withCode("RATE_LIMITED").withMessage("slow down"));
        ApiClient.Reply reply = api.get("/branches");
        assertEquals(429, reply.status());
        assertEquals("2", reply.retryAfter());
        assertEquals("RATE_LIMITED", field(reply.json(), "code"));
        assertEquals("slow down", field(reply.json(), "message"));
    }

    @Test
    void faultsApplyToTheGivenNumberOfMatchingRequestsOnly() throws Exception {
        emulator.faults().next("POST", "/branches$", 2, Fault.status(500));
        assertEquals(200, api.get("/branches").status(), "other methods are not affected");
        assertEquals(404, api.post("/branches/br-x-1/restore", "{\"source_branch_id\":\"br-y-1\"}").status(),
                "other paths are not affected");
        assertEquals(500, api.post("/branches", CREATE).status());
        assertEquals(500, api.post("/branches", CREATE).status());
        assertEquals(201, api.post("/branches", CREATE).status());
    }

    @Test
    void anyMethodAndClear() throws Exception {
        emulator.faults().next("*", "/branches", 5, Fault.status(502));
        assertEquals(502, api.get("/branches").status());
        assertEquals(4, emulator.faults().remaining());
        emulator.faults().clear();
        assertEquals(200, api.get("/branches").status());
    }

    @Test
    void resetBeforeHandlingDropsTheConnectionAndChangesNothing() {
        emulator.faults().next("POST", "/branches$", 1, Fault.resetBeforeHandling());
        assertThrows(IOException.class, () -> api.post("/branches", CREATE));
        assertFalse(branchExists("faulty"));
        RecordedRequest recorded = emulator.requestLog().last();
        assertEquals(RecordedRequest.NO_RESPONSE, recorded.status());
        assertEquals(Fault.Kind.RESET_BEFORE_HANDLING, recorded.fault().kind());
    }

    @Test
    void resetAfterHandlingCreatesTheBranchButTheClientSeesAnIoError() throws Exception {
        emulator.faults().next("POST", "/branches$", 1, Fault.resetAfterHandling());
        IOException error = assertThrows(IOException.class, () -> api.post("/branches", CREATE));
        assertFalse(error instanceof HttpTimeoutException, "a dropped connection, not a timeout: " + error);
        assertTrue(branchExists("faulty"), "the request took effect before the connection was dropped");
        assertEquals(409, api.post("/branches", CREATE).status(), "a blind retry now meets the existing branch");
    }

    @Test
    void resetOnGetIsAnIoErrorToo() {
        // Several injections: an HTTP client may transparently retry an idempotent GET once.
        emulator.faults().next("GET", "/branches$", 3, Fault.resetBeforeHandling());
        assertThrows(IOException.class, () -> api.get("/branches"));
    }

    @Test
    void delayBeforeHandlingProvokesAClientTimeout() throws Exception {
        emulator.faults().next("GET", "/branches$", 1, Fault.delay(Duration.ofMillis(600)));
        ApiClient impatient = new ApiClient(emulator, KEY).withTimeout(Duration.ofMillis(150));
        assertThrows(HttpTimeoutException.class, () -> impatient.get("/branches"));
        assertEquals(200, api.get("/branches").status());
    }

    @Test
    void delayAfterHandlingAppliesTheChangeBeforeTheClientGivesUp() throws Exception {
        emulator.faults().next("POST", "/branches$", 1, Fault.delayAfterHandling(Duration.ofMillis(600)));
        ApiClient impatient = new ApiClient(emulator, KEY).withTimeout(Duration.ofMillis(150));
        assertThrows(HttpTimeoutException.class, () -> impatient.post("/branches", CREATE));
        assertTrue(branchExists("faulty"), "created although the client timed out");
    }

    @Test
    void delayedRequestsDoNotHoldUpOthers() throws Exception {
        emulator.faults().next("GET", "/operations$", 1, Fault.delay(Duration.ofMillis(800)));
        Thread slow = new Thread(() -> {
            try {
                api.get("/operations");
            } catch (IOException ignored) {
                // only its delay matters here
            }
        });
        slow.start();
        Thread.sleep(50);
        long started = System.nanoTime();
        assertEquals(200, api.get("/branches").status());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 500, "served while the other request waits");
        slow.join();
    }

    @Test
    void malformedJsonKeepsTheStatusButTheBodyDoesNotParse() throws Exception {
        emulator.faults().next("POST", "/branches$", 1, Fault.malformedJson());
        ApiClient.Reply reply = api.post("/branches", CREATE);
        assertEquals(201, reply.status());
        assertThrows(JsonParseException.class, () -> JsonParser.parseString(reply.body()).getAsJsonObject()
                .getAsJsonObject("branch").get("id").getAsString());
        assertTrue(branchExists("faulty"));
    }

    @Test
    void faultFactoriesValidateTheirInput() {
        assertThrows(IllegalArgumentException.class, () -> Fault.status(99));
        assertThrows(IllegalArgumentException.class, () -> Fault.delay(Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> Fault.resetAfterHandling().withRetryAfter("1"));
        assertThrows(IllegalArgumentException.class,
                () -> emulator.faults().next("GET", "/x", 0, Fault.status(500)));
        Fault fault = Fault.status(503).withRetryAfter("7");
        assertEquals(503, fault.status());
        assertEquals("7", fault.retryAfter());
        assertEquals(Fault.Kind.STATUS, fault.kind());
        assertSame(Fault.Kind.DELAY_AFTER_HANDLING, Fault.delayAfterHandling(Duration.ofMillis(1)).kind());
    }
}
