package dev.neonci.bench;

import dev.neonci.core.client.NeonClient;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.ProgressListener;
import dev.neonci.core.wait.Deadline;
import dev.neonci.emulator.NeonEmulator;
import dev.neonci.emulator.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark 2: many creates at once on one project. The emulator answers 423 Locked while another
 * operation runs on the project, as Neon does, so the creates must queue up through retries.
 */
final class ContentionBenchmark {

    record Result(int creates, int succeeded, List<String> failures, Duration wall, Duration serialLowerBound,
                  int requests, int locked) {
    }

    static Result run(int creates, Duration operation, Duration deadline) throws Exception {
        try (NeonEmulator emulator = NeonEmulator.builder().apiKey(ReadinessLagBenchmark.KEY)
                .operationDuration(operation).start();
             NeonClient client = NeonClient.builder().apiKey(ReadinessLagBenchmark.KEY).baseUrl(emulator.baseUrl())
                     .userAgentProduct("benchmark").build()) {
            BranchLifecycle lifecycle = new BranchLifecycle(client, emulator.projectId(), ProgressListener.NONE);
            ExecutorService pool = Executors.newFixedThreadPool(creates);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < creates; i++) {
                String name = "bench-contention-" + i;
                futures.add(pool.submit(() -> lifecycle.ensureBranch(EnsureBranchRequest.builder(name).build(),
                        Deadline.after(deadline))));
            }
            int ok = 0;
            List<String> failures = new ArrayList<>();
            for (Future<?> f : futures) {
                try {
                    f.get();
                    ok++;
                } catch (Exception e) {
                    failures.add(String.valueOf(e.getCause() == null ? e : e.getCause().getMessage()));
                }
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            pool.shutdown();

            List<RecordedRequest> log = emulator.requestLog().snapshot();
            // The serial lower bound: each create keeps the project busy from its request until its last
            // operation finishes; one after another, that is the least time 50 creates can take.
            Duration busy = Duration.ZERO;
            for (RecordedRequest r : log) {
                if (CreateResponses.isCreate(r)) {
                    busy = busy.plus(Duration.between(r.timestamp(), CreateResponses.readyAt(emulator, r)));
                }
            }
            int locked = (int) log.stream().filter(r -> r.status() == 423).count();
            return new Result(creates, ok, failures, wall, busy, log.size(), locked);
        }
    }

    static Table table(Result r) {
        return new Table("creates", "succeeded", "wall", "serial lower bound", "wall / bound", "requests", "423 answers")
                .row(r.creates(), r.succeeded(), String.format("%.1f s", r.wall().toMillis() / 1000.0),
                        String.format("%.1f s", r.serialLowerBound().toMillis() / 1000.0),
                        String.format("%.2f", (double) r.wall().toMillis() / Math.max(1, r.serialLowerBound().toMillis())),
                        r.requests(), r.locked());
    }
}
