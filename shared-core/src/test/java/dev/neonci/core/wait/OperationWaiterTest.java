package dev.neonci.core.wait;

import static dev.neonci.core.testing.Scripted.json;
import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.NeonTimeoutException;
import dev.neonci.core.client.Operation;
import dev.neonci.core.client.OperationFailedException;
import dev.neonci.core.testing.Scripted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Polling on fake time against a scripted Neon whose operations end at chosen times. */
class OperationWaiterTest {

    static final String P = "p-1";
    final Scripted s = new Scripted();
    final List<String> waits = new ArrayList<>();
    final WaitListener listener = (action, status, elapsed) -> waits.add(action + ":" + status + "@" + elapsed.toMillis());

    @AfterEach
    void close() {
        s.close();
    }

    static Operation op(String id, String action, String status) {
        return new Operation(id, P, "br-1", null, action, status, null, 0, null, null, 0);
    }

    static String opJson(String id, String action, String status, String error) {
        return "{\"operation\":{\"id\":\"" + id + "\",\"project_id\":\"" + P + "\",\"action\":\"" + action + "\",\"status\":\""
                + status + "\"" + (error == null ? "" : ",\"error\":\"" + error + "\"") + "}}";
    }

    /** Operations that are running until their end time (fake clock ms since start), then finished or failed. */
    void script(long startMs, Object... idActionEndStatus) {
        s.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String id = request.getPath().substring(request.getPath().lastIndexOf('/') + 1);
                long now = s.time.millis() - startMs;
                for (int i = 0; i < idActionEndStatus.length; i += 4) {
                    if (idActionEndStatus[i].equals(id)) {
                        long end = (Long) idActionEndStatus[i + 2];
                        String status = end >= 0 && now >= end ? (String) idActionEndStatus[i + 3] : "running";
                        return json(200, opJson(id, (String) idActionEndStatus[i + 1], status,
                                "failed".equals(status) ? "timeline creation failed: disk full" : null));
                    }
                }
                return json(404, "{\"code\":\"\",\"message\":\"no such operation\"}");
            }
        });
    }

    @Test
    void waitsUntilFinishedFollowingTheSchedule() {
        long start = s.time.millis();
        script(start, "op-1", "create_branch", 1000L, "finished");
        OperationWaiter w = new OperationWaiter(s.client, P, PollSchedule.defaults(), listener);
        List<Operation> done = w.awaitAll(List.of(op("op-1", "create_branch", "scheduling")), Deadline.after(Duration.ofMinutes(1), s.time));
        assertEquals("finished", done.get(0).status());
        assertEquals(5, s.server.getRequestCount(), "a 1 s operation is seen on the 5th poll (at 1.041 s)");
        assertEquals(1041, s.time.millis() - start);
        assertEquals("create_branch:running@125", waits.get(0));
    }

    @Test
    void terminalOperationsAreNotPolledAtAll() {
        OperationWaiter w = new OperationWaiter(s.client, P);
        List<Operation> ops = w.awaitAll(List.of(op("a", "create_branch", "finished"), op("b", "start_compute", "skipped")),
                Deadline.after(Duration.ofSeconds(1), s.time));
        assertEquals(2, ops.size());
        assertEquals(0, s.server.getRequestCount());
    }

    @Test
    void severalOperationsArePolledOneAfterAnotherAndFinishedOnesNeverAgain() {
        long start = s.time.millis();
        script(start, "a", "create_branch", 250L, "finished", "b", "start_compute", 300L, "finished",
                "c", "apply_config", 900L, "finished");
        OperationWaiter w = new OperationWaiter(s.client, P, PollSchedule.defaults(), listener);
        w.awaitAll(List.of(op("a", "create_branch", "running"), op("b", "start_compute", "scheduling"),
                op("c", "apply_config", "scheduling")), Deadline.after(Duration.ofMinutes(1), s.time));
        List<String> polled = new ArrayList<>();
        int n = s.server.getRequestCount();
        for (int i = 0; i < n; i++) {
            String path = s.take().getPath();
            polled.add(path.substring(path.lastIndexOf('/') + 1));
        }
        // a: 125, 225 running, 385 finished -> b finished too -> c running; the one schedule of the wait
        // goes on for c: 641 running, 1041 finished.
        assertEquals(List.of("a", "a", "a", "b", "c", "c", "c"), polled);
        assertEquals(1041, s.time.millis() - start);
    }

    @Test
    void aFailedOperationThrowsWithItsErrorIdAndAction() {
        script(s.time.millis(), "op-9", "create_timeline", 150L, "failed");
        OperationWaiter w = new OperationWaiter(s.client, P);
        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> w.awaitAll(List.of(op("op-9", "create_timeline", "running")), Deadline.after(Duration.ofMinutes(1), s.time)));
        assertEquals("Neon operation create_timeline (op-9) ended failed: timeline creation failed: disk full", e.getMessage());
        assertEquals("op-9", e.operationId());
        assertEquals("create_timeline", e.action());
        assertEquals("failed", e.status());
    }

    @Test
    void anAlreadyFailedOperationThrowsWithoutPolling() {
        OperationWaiter w = new OperationWaiter(s.client, P);
        Operation failed = new Operation("op-1", P, null, null, "start_compute", "error", "boom", 1, null, null, 0);
        assertThrows(OperationFailedException.class, () -> w.awaitAll(List.of(failed), Deadline.after(Duration.ofSeconds(1), s.time)));
        assertEquals(0, s.server.getRequestCount());
    }

    @Test
    void aStuckOperationTimesOutAtTheDeadlineNamingItsActionAndLastStatus() {
        long start = s.time.millis();
        script(start, "op-s", "start_compute", -1L, "finished");
        OperationWaiter w = new OperationWaiter(s.client, P, PollSchedule.defaults(), listener);
        NeonTimeoutException e = assertThrows(NeonTimeoutException.class,
                () -> w.awaitAll(List.of(op("op-s", "start_compute", "scheduling")), Deadline.after(Duration.ofSeconds(20), s.time)));
        assertEquals("Timed out after 20.0 s waiting for Neon operation start_compute (op-s) to finish; last status: running",
                e.getMessage());
        long waited = s.time.millis() - start;
        assertTrue(waited <= 20_000 && waited >= 19_800, "used the whole budget, not more: " + waited);
        assertTrue(s.server.getRequestCount() <= 21, "backed off: " + s.server.getRequestCount() + " polls in 20 s");
        assertTrue(waits.size() < s.server.getRequestCount(), "progress is reported on change or every 5 s, not per poll");
    }

    @Test
    void untilPollsAStateWithoutOperations() {
        int[] calls = {0};
        OperationWaiter w = new OperationWaiter(s.client, P, PollSchedule.defaults(), listener);
        String result = w.until("branch ci-1", () -> ++calls[0] < 3 ? "init" : "ready", "ready"::equals, x -> x,
                Deadline.after(Duration.ofSeconds(5), s.time));
        assertEquals("ready", result);
        assertEquals(3, calls[0]);
        assertEquals("branch ci-1:init@125", waits.get(0));
    }
}
