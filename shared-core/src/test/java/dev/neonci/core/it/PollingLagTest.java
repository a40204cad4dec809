package dev.neonci.core.it;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.Operation;
import dev.neonci.core.wait.Deadline;
import dev.neonci.core.wait.OperationWaiter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Over real HTTP: how long after an operation ends the waiter notices, and with how many polls, against the
 * targets (0.2 s: ≤ 100 ms, ≤ 4 polls; 1 s: ≤ 200 ms, ≤ 7; 3 s: ≤ 500 ms, ≤ 10). The emulator records when
 * each operation finished.
 */
class PollingLagTest {

    @ParameterizedTest(name = "operation of {0} ms")
    @CsvSource({"200, 100, 4", "1000, 200, 7", "3000, 500, 10"})
    void noticesTheEndQuicklyWithFewPolls(long durationMs, long maxLagMs, int maxPolls) {
        try (Emulated e = new Emulated(Duration.ofMillis(durationMs))) {
            // Warm up (class loading, first connection): this measures polling, not JVM start-up.
            for (int i = 0; i < 5; i++) {
                e.client.getBranch(e.projectId(), e.emulator.defaultBranchId());
            }
            String id = e.emulator.operations().lockProjectFor(Duration.ofMillis(durationMs));
            e.emulator.requestLog().clear();
            Operation op = new Operation(id, e.projectId(), null, null, "apply_config", "running", null, 0, null, null, 0);
            new OperationWaiter(e.client, e.projectId()).awaitAll(List.of(op), Deadline.after(Duration.ofSeconds(30)));
            Instant seen = Instant.now();
            long lag = Duration.between(e.emulator.operationFinishedAt(id), seen).toMillis();
            int polls = e.emulator.requestLog().matching("GET", "/operations/").size();
            assertTrue(lag <= maxLagMs, "lag " + lag + " ms");
            assertTrue(polls <= maxPolls, "polls " + polls);
        }
    }
}
