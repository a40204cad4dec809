package dev.neonci.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent requests: each API call is atomic, so racing creates of one name yield exactly one branch. */
class ConcurrencyTest extends EmulatorTestSupport {

    private static final int CLIENTS = 16;

    @BeforeEach
    void startEmulator() {
        start(NeonEmulator.builder().operationDuration(Duration.ZERO));
    }

    private List<Integer> concurrently(Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                futures.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void racingCreatesOfOneNameMakeExactlyOneBranch() throws Exception {
        List<Integer> statuses = concurrently(() -> api.post("/branches", "{\"branch\":{\"name\":\"contested\"}}").status());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(CLIENTS - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1, emulator.branches(emulator.projectId()).stream().filter(b -> b.name().equals("contested")).count());
        assertEquals(CLIENTS, emulator.requestLog().matching("POST", "/branches$").size());
    }

    @Test
    void racingCreatesWhileOperationsRunGetOne201AndTheRest423() throws Exception {
        emulator.close();
        start(NeonEmulator.builder().operationDuration(Duration.ofSeconds(30)));
        java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> statuses = concurrently(() ->
                api.post("/branches", "{\"branch\":{\"name\":\"b-" + counter.incrementAndGet() + "\"}}").status());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(CLIENTS - 1, statuses.stream().filter(s -> s == 423).count(), statuses.toString());
    }
}
