package dev.neonci.bench;

import dev.neonci.core.client.NeonClient;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.ProgressListener;
import dev.neonci.core.wait.Deadline;
import dev.neonci.core.wait.PollSchedule;
import dev.neonci.emulator.NeonEmulator;
import dev.neonci.emulator.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 1: how long after the branch is really ready does {@code ensureBranch} return, and how many
 * operation polls did it spend? Run against the emulator over real HTTP on loopback.
 *
 * <p>"Operations lasting d" is the time a create's operations take together, from the create request to
 * the last one finished: Neon (and the emulator) answer a create with two operations run one after the
 * other ({@code create_branch}, then {@code start_compute}), so the emulator gives each d / 2.
 */
final class ReadinessLagBenchmark {

    static final String KEY = "bench-key";
    private static final int WARMUP = 2;

    /** A fixed 100 ms poll: what the Terraform provider does; the reference row. */
    static final PollSchedule FIXED_100_MS = PollSchedule.builder()
            .firstPoll(Duration.ofMillis(100)).initialInterval(Duration.ofMillis(100)).factor(1.0)
            .steadyInterval(Duration.ofMillis(100)).proportion(0).maxInterval(Duration.ofMillis(100)).build();

    record Result(String schedule, Duration operation, Stats lagMs, Stats polls, Stats requests) {
    }

    static Result run(String label, PollSchedule schedule, Duration operation, int creates) {
        List<Long> lags = new ArrayList<>();
        List<Integer> polls = new ArrayList<>();
        List<Integer> requests = new ArrayList<>();
        try (NeonEmulator emulator = NeonEmulator.builder().apiKey(KEY).operationDuration(operation.dividedBy(2)).start();
             NeonClient client = NeonClient.builder().apiKey(KEY).baseUrl(emulator.baseUrl())
                     .userAgentProduct("benchmark").build()) {
            BranchLifecycle lifecycle = new BranchLifecycle(client, emulator.projectId(), ProgressListener.NONE, schedule);
            for (int i = 0; i < WARMUP + creates; i++) {
                int from = emulator.requestLog().size();
                lifecycle.ensureBranch(EnsureBranchRequest.builder("bench-lag-" + i).build(),
                        Deadline.after(Duration.ofMinutes(1)));
                Instant returned = Instant.now();
                List<RecordedRequest> sent = emulator.requestLog().snapshot();
                sent = sent.subList(from, sent.size());
                RecordedRequest create = sent.stream().filter(CreateResponses::isCreate).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no create request recorded"));
                if (i < WARMUP) {
                    continue;
                }
                lags.add(Duration.between(CreateResponses.readyAt(emulator, create), returned).toMillis());
                polls.add((int) sent.stream().filter(CreateResponses::isPoll).count());
                requests.add(sent.size());
            }
        }
        return new Result(label, operation, Stats.of(lags), Stats.of(polls), Stats.of(requests));
    }

    static Table table(List<Result> results) {
        Table t = new Table("operation", "schedule", "lag median", "lag p95", "lag max", "polls/wait (median, max)",
                "requests/create (median)");
        for (Result r : results) {
            t.row(String.format("%.1f s", r.operation().toMillis() / 1000.0), r.schedule(),
                    Table.ms(r.lagMs().median()), Table.ms(r.lagMs().p95()), Table.ms(r.lagMs().max()),
                    String.format("%.0f, %.0f", r.polls().median(), r.polls().max()),
                    String.format("%.0f", r.requests().median()));
        }
        return t;
    }
}
