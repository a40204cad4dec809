package dev.neonci.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Operations go scheduling -> running -> finished over the configured duration (a quarter scheduling),
 * one after another within a request; branches are init until their operation finished, endpoints
 * init until start_compute finished; changes are answered 423 while any operation runs.
 * Time is a hand-moved clock, so the assertions are exact.
 */
class OperationTimingTest extends EmulatorTestSupport {

    private static final Duration OP = Duration.ofMillis(200);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    private void startWithClock() {
        start(NeonEmulator.builder().operationDuration(OP).clock(clock));
    }

    private String status(String operationId) throws Exception {
        return field(api.get("/operations/" + operationId).object("operation"), "status");
    }

    private String branchState(String branchId) throws Exception {
        return field(api.get("/branches/" + branchId).object("branch"), "current_state");
    }

    private String endpointState(String branchId) throws Exception {
        return field(api.get("/branches/" + branchId + "/endpoints").json().getAsJsonArray("endpoints").get(0).getAsJsonObject(),
                "current_state");
    }

    @Test
    void operationsBranchAndEndpointProgressWithTheClock() throws Exception {
        startWithClock();
        JsonObject created = api.post("/branches", "{\"branch\":{\"name\":\"timed\"},\"endpoints\":[{\"type\":\"read_write\"}]}").json();
        String branchId = field(created.getAsJsonObject("branch"), "id");
        JsonArray operations = created.getAsJsonArray("operations");
        String createOp = field(operations.get(0).getAsJsonObject(), "id");
        String startOp = field(operations.get(1).getAsJsonObject(), "id");
        assertEquals("scheduling", field(operations.get(0).getAsJsonObject(), "status"));
        assertEquals("init", field(created.getAsJsonObject("branch"), "current_state"));
        assertEquals("init", field(created.getAsJsonArray("endpoints").get(0).getAsJsonObject(), "current_state"));

        clock.advance(Duration.ofMillis(60));
        assertEquals("running", status(createOp));
        assertEquals("scheduling", status(startOp), "operations of one request run one after another");
        assertEquals("init", branchState(branchId));

        clock.advance(Duration.ofMillis(140)); // t = 200 ms
        assertEquals("finished", status(createOp));
        assertEquals("ready", branchState(branchId));
        assertEquals("scheduling", status(startOp));
        assertEquals("init", endpointState(branchId));
        JsonObject finished = api.get("/operations/" + createOp).object("operation");
        assertEquals(200, finished.get("total_duration_ms").getAsInt());

        clock.advance(Duration.ofMillis(60)); // t = 260 ms
        assertEquals("running", status(startOp));
        assertNull(emulator.operationFinishedAt(startOp));

        clock.advance(Duration.ofMillis(140)); // t = 400 ms
        assertEquals("finished", status(startOp));
        assertEquals("active", endpointState(branchId));
        assertEquals(Instant.parse("2026-01-01T10:00:00.400Z"), emulator.operationFinishedAt(startOp));
        assertEquals(Instant.parse("2026-01-01T10:00:00.200Z"), emulator.operationFinishedAt(createOp));
        assertEquals("ready", emulator.branches(emulator.projectId()).stream()
                .filter(b -> b.id().equals(branchId)).findFirst().orElseThrow().state());
    }

    @Test
    void changesAreLockedWhileAnOperationRuns() throws Exception {
        startWithClock();
        String branchId = createBranch("first", true);

        ApiClient.Reply locked = api.post("/branches", "{\"branch\":{\"name\":\"second\"}}");
        assertEquals(423, locked.status());
        assertTrue(field(locked.json(), "message").contains("running conflicting operations"), locked.body());
        assertEquals(423, api.delete("/branches/" + branchId).status());
        assertEquals(423, api.post("/branches/" + branchId + "/restore",
                "{\"source_branch_id\":\"" + emulator.defaultBranchId() + "\"}").status());
        assertEquals(200, api.get("/branches").status(), "reads are never locked");
        assertEquals(2, emulator.branches(emulator.projectId()).size(), "the locked create did nothing");

        clock.advance(OP.multipliedBy(2));
        assertFalse(emulator.operations().projectLocked());
        assertEquals(201, api.post("/branches", "{\"branch\":{\"name\":\"second\"}}").status());
    }

    @Test
    void deleteOfAnUnknownBranchIs204EvenWhileLocked() throws Exception {
        startWithClock();
        createBranch("busy", false);
        assertEquals(204, api.delete("/branches/br-unknown-1").status());
    }

    @Test
    void failNextMakesTheOperationFailWithAnError() throws Exception {
        startWithClock();
        emulator.operations().failNext("create_branch", "timeline creation failed");
        JsonObject created = api.post("/branches", "{\"branch\":{\"name\":\"doomed\"}}").json();
        String opId = field(created.getAsJsonArray("operations").get(0).getAsJsonObject(), "id");
        String branchId = field(created.getAsJsonObject("branch"), "id");
        clock.advance(OP);
        JsonObject operation = api.get("/operations/" + opId).object("operation");
        assertEquals("failed", field(operation, "status"));
        assertEquals("timeline creation failed", field(operation, "error"));
        assertEquals(1, operation.get("failures_count").getAsInt());
        assertEquals("init", branchState(branchId), "a failed create never makes the branch ready");
        assertNull(emulator.operationFinishedAt(opId));
        assertFalse(emulator.operations().projectLocked(), "a failed operation no longer locks");

        String next = field(api.post("/branches", "{\"branch\":{\"name\":\"fine\"}}").json()
                .getAsJsonArray("operations").get(0).getAsJsonObject(), "id");
        clock.advance(OP);
        assertEquals("finished", status(next), "the directive was used up");
    }

    @Test
    void failNextForStartComputeLeavesTheEndpointIdle() throws Exception {
        startWithClock();
        emulator.operations().failNext("start_compute");
        String branchId = createBranch("no-start", true);
        clock.advance(OP.multipliedBy(2));
        assertEquals("ready", branchState(branchId));
        assertEquals("idle", endpointState(branchId));
    }

    @Test
    void stickNextNeverFinishesAndKeepsTheProjectLocked() throws Exception {
        startWithClock();
        emulator.operations().stickNext(null);
        JsonObject created = api.post("/branches", "{\"branch\":{\"name\":\"stuck\"}}").json();
        String opId = field(created.getAsJsonArray("operations").get(0).getAsJsonObject(), "id");
        clock.advance(Duration.ofHours(1));
        assertEquals("running", status(opId));
        assertEquals(423, api.post("/branches", "{\"branch\":{\"name\":\"blocked\"}}").status());
        assertTrue(emulator.operations().projectLocked());
    }

    @Test
    void lockProjectForAnswers423UntilTheSyntheticOperationEnds() throws Exception {
        startWithClock();
        String lockId = emulator.operations().lockProjectFor(Duration.ofSeconds(5));
        assertEquals("apply_config", field(api.get("/operations/" + lockId).object("operation"), "action"));
        assertEquals(423, api.post("/branches", "{\"branch\":{\"name\":\"waiting\"}}").status());
        clock.advance(Duration.ofSeconds(5));
        assertEquals("finished", status(lockId));
        assertEquals(201, api.post("/branches", "{\"branch\":{\"name\":\"waiting\"}}").status());
    }

    @Test
    void restorePutsTheBranchThroughResettingBackToReady() throws Exception {
        startWithClock();
        String branchId = createBranch("resettable", true);
        clock.advance(OP.multipliedBy(2));
        assertEquals("active", endpointState(branchId));

        JsonObject restored = api.post("/branches/" + branchId + "/restore",
                "{\"source_branch_id\":\"" + emulator.defaultBranchId() + "\"}").json();
        assertEquals("resetting", field(restored.getAsJsonObject("branch"), "current_state"));
        assertEquals("init", endpointState(branchId), "the compute restarts on the new timeline");
        clock.advance(OP.multipliedBy(2));
        assertEquals("ready", branchState(branchId));
        assertEquals("active", endpointState(branchId));
    }

    @Test
    void operationsFinishInRealTimeWithTheSystemClock() throws Exception {
        start(NeonEmulator.builder().operationDuration(Duration.ofMillis(100)));
        JsonObject created = api.post("/branches", "{\"branch\":{\"name\":\"real\"},\"endpoints\":[{\"type\":\"read_write\"}]}").json();
        String startOp = field(created.getAsJsonArray("operations").get(1).getAsJsonObject(), "id");
        await(() -> emulator.operationFinishedAt(startOp) != null, Duration.ofSeconds(5));
        assertEquals("finished", status(startOp));
        assertEquals("active", endpointState(field(created.getAsJsonObject("branch"), "id")));
    }
}
