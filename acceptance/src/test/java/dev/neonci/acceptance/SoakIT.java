package dev.neonci.acceptance;

import dev.neonci.core.client.NeonClient;
import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.lifecycle.DeleteResult;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.wait.Deadline;
import dev.neonci.core.wait.PollSchedule;
import dev.neonci.emulator.NeonEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many create/delete cycles in one process (a Jenkins controller lives for months): threads and
 * connections must not grow. {@link NeonClient} does not expose its OkHttp connection pool, so connections
 * are counted as the open sockets of this JVM ({@code /proc/self/fd}), which hold both the client's and the
 * emulator's ends; threads by {@link Thread#activeCount()} and by name family.
 */
@Isolated("counts the JVM's threads and sockets")
class SoakIT {

    private static final int WARM_UP = 20;
    private static final int CYCLES = 300;
    /** Threads and sockets may wobble by a few (idle pool threads expiring, a socket in close) — not grow. */
    private static final int SLACK = 4;

    private final String apiKey = "napi_acc_" + UUID.randomUUID().toString().replace("-", "");
    private final Evidence evidence = new Evidence(apiKey);
    private NeonEmulator emu;
    /** Quick polls: the emulator's operations take 20 ms, and 300 cycles should not take minutes. */
    private final PollSchedule quick = PollSchedule.builder().firstPoll(Duration.ofMillis(10))
            .initialInterval(Duration.ofMillis(10)).steadyInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(50)).build();

    @BeforeEach
    void start() throws Exception {
        emu = NeonEmulator.builder().apiKey(apiKey).operationDuration(Duration.ofMillis(20)).start();
        evidence.learnDefaultPassword(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void threeHundredCyclesOnOneSharedClientLeakNoThreadAndNoConnection() throws Exception {
        try (NeonClient client = NeonClient.builder().apiKey(apiKey).baseUrl(emu.baseUrl()).build()) {
            BranchLifecycle lifecycle = new BranchLifecycle(client, emu.projectId(), m -> evidence.add("listener", m), quick);
            for (int i = 0; i < WARM_UP; i++) {
                cycle(lifecycle, "warm-" + i);
            }
            Snapshot before = Snapshot.take();
            for (int i = 0; i < CYCLES; i++) {
                cycle(lifecycle, "shared-" + i);
            }
            Snapshot after = Snapshot.take();
            after.assertNoGrowthSince(before);
        }
        assertEquals(WARM_UP + CYCLES + 1, emu.branches(emu.projectId()).size(), "one branch per cycle, plus main");
        Invariants.check(emu, evidence, Set.of());
    }

    @Test
    void aClientPerCommandClosedAfterwardsLeavesNothingBehind() throws Exception {
        // What the front ends do: a client per command (ActionRunner.withLifecycle), closed at the end.
        for (int i = 0; i < WARM_UP; i++) {
            cycleWithOwnClient("warm-" + i);
        }
        Snapshot before = Snapshot.take();
        for (int i = 0; i < 100; i++) {
            cycleWithOwnClient("own-" + i);
        }
        Snapshot after = Snapshot.take();
        after.assertNoGrowthSince(before);
        Invariants.check(emu, evidence, Set.of());
    }

    private void cycleWithOwnClient(String suffix) {
        try (NeonClient client = NeonClient.builder().apiKey(apiKey).baseUrl(emu.baseUrl()).build()) {
            cycle(new BranchLifecycle(client, emu.projectId(), m -> evidence.add("listener", m), quick), suffix);
        }
    }

    private void cycle(BranchLifecycle lifecycle, String suffix) {
        String name = Invariants.RUN_PREFIX + "soak-" + suffix;
        BranchConnection c = lifecycle.ensureBranch(EnsureBranchRequest.builder(name).build(), Deadline.after(Duration.ofSeconds(20)));
        assertTrue(c.created(), name);
        if (evidence.texts().size() > 2000) {
            // Bounded memory; the secret check still sees every message of the latest cycles.
            Invariants.assertNoSecrets(evidence);
            evidence.texts().clear();
        }
        evidence.add("connection", c.toString());
        DeleteResult d = lifecycle.deleteBranch(name, Deadline.after(Duration.ofSeconds(20)));
        assertTrue(d.deleted(), name);
    }

    /** Threads (count and name families) and open sockets of this JVM. */
    private record Snapshot(int activeThreads, Map<String, Long> families, int sockets) {

        static Snapshot take() throws Exception {
            // Let connections being closed and threads finishing their task settle.
            Thread.sleep(300);
            Map<String, Long> families = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .collect(Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "#"), TreeMap::new, Collectors.counting()));
            return new Snapshot(Thread.activeCount(), families, countSockets());
        }

        static int countSockets() throws IOException {
            Path fds = Path.of("/proc/self/fd");
            if (!Files.isDirectory(fds)) {
                return -1;
            }
            List<String> targets = new ArrayList<>();
            try (Stream<Path> s = Files.list(fds)) {
                for (Path p : s.collect(Collectors.toList())) {
                    try {
                        targets.add(Files.readSymbolicLink(p).toString());
                    } catch (IOException e) {
                        // closed while listing
                    }
                }
            }
            return (int) targets.stream().filter(t -> t.startsWith("socket:")).count();
        }

        void assertNoGrowthSince(Snapshot before) {
            assertTrue(activeThreads <= before.activeThreads + SLACK,
                    "threads grew from " + before.activeThreads + " to " + activeThreads + ": " + families);
            for (Map.Entry<String, Long> f : families.entrySet()) {
                long was = before.families.getOrDefault(f.getKey(), 0L);
                assertTrue(f.getValue() <= was + SLACK, "thread family \"" + f.getKey() + "\" grew from " + was + " to " + f.getValue());
            }
            if (before.sockets >= 0) {
                assertTrue(sockets <= before.sockets + SLACK, "open sockets grew from " + before.sockets + " to " + sockets);
            }
        }
    }
}
