package dev.neonci.bench;

import dev.neonci.action.testing.RunnerSimulator;
import dev.neonci.emulator.NeonEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 3: the action's cold start — process start to outputs written, as the runner runs it (cleared
 * environment, file commands) — side by side with the Neon CLI's {@code branches create} against the
 * same emulator. Operations are instant, so this measures start-up and request count, not Neon.
 */
final class ColdStartBenchmark {

    /** The neonctl line Neon's own delete/reset actions install; pinned so runs compare. */
    static final String NEONCTL = "neonctl@2.47.0";

    record Result(String tool, Stats wallMs, Stats requests, String note) {
    }

    /**
     * The same jar on this machine's full JDK with no JVM options: a runtime laid out like the jlinked one
     * whose {@code bin} is the JDK's, to show what the jlinked runtime and its baked-in options buy.
     */
    static Path plainJdkLayout(Path runtime, Path work) throws IOException {
        Path dir = work.resolve("plain-jdk");
        Files.createDirectories(dir);
        Path bin = dir.resolve("bin");
        Files.deleteIfExists(bin);
        Files.createSymbolicLink(bin, Path.of(System.getProperty("java.home"), "bin"));
        Files.copy(runtime.resolve("neon-ci-action.jar"), dir.resolve("neon-ci-action.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    static Result action(Path runtime, Path work, int runs) throws Exception {
        return action("neon-ci action (jlinked runtime, as in the image)", runtime, work, runs);
    }

    static Result action(String label, Path runtime, Path work, int runs) throws Exception {
        List<Long> walls = new ArrayList<>();
        List<Integer> requests = new ArrayList<>();
        try (NeonEmulator emulator = NeonEmulator.builder().apiKey(ReadinessLagBenchmark.KEY)
                .operationDuration(Duration.ZERO).start()) {
            for (int i = 0; i < runs; i++) {
                RunnerSimulator runner = new RunnerSimulator(Files.createTempDirectory(work, "runner-"), runtime);
                int from = emulator.requestLog().size();
                long start = System.nanoTime();
                RunnerSimulator.StepResult step = runner.runMain(Map.of(
                        "api_key", ReadinessLagBenchmark.KEY,
                        "project_id", emulator.projectId(),
                        "api_host", emulator.baseUrl(),
                        "branch_name", "bench-cold-" + i));
                long wall = (System.nanoTime() - start) / 1_000_000;
                if (step.exitCode != 0 || !step.outputs.containsKey("db_url")) {
                    throw new IllegalStateException("action run " + i + " failed with exit code " + step.exitCode);
                }
                walls.add(wall);
                requests.add(emulator.requestLog().size() - from);
            }
        }
        return new Result(label, Stats.of(walls), Stats.of(requests),
                "waits until the branch and its endpoint are ready; outputs URLs");
    }

    static Result neonctl(Path work, int runs) throws Exception {
        Path prefix = work.resolve("neonctl");
        Files.createDirectories(prefix);
        // npm keeps this machine's environment (its registry and CA settings live there).
        run(prefix, List.of("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                "--ignore-scripts", "--loglevel=error", NEONCTL), Duration.ofMinutes(5), false);
        Path bin = prefix.resolve("node_modules/.bin/neonctl");
        List<Long> walls = new ArrayList<>();
        List<Integer> requests = new ArrayList<>();
        try (NeonEmulator emulator = NeonEmulator.builder().apiKey(ReadinessLagBenchmark.KEY)
                .operationDuration(Duration.ZERO).start()) {
            for (int i = 0; i < runs; i++) {
                int from = emulator.requestLog().size();
                long start = System.nanoTime();
                int exit = run(work, List.of(bin.toString(), "branches", "create", "--project-id", emulator.projectId(),
                        "--name", "bench-cli-" + i, "--api-host", emulator.baseUrl(),
                        "--api-key", ReadinessLagBenchmark.KEY, "--output", "json", "--no-analytics"),
                        Duration.ofMinutes(1), true);
                long wall = (System.nanoTime() - start) / 1_000_000;
                if (exit != 0) {
                    throw new IllegalStateException("neonctl run " + i + " failed with exit code " + exit);
                }
                walls.add(wall);
                requests.add(emulator.requestLog().size() - from);
            }
        }
        return new Result(NEONCTL + " branches create", Stats.of(walls), Stats.of(requests),
                "returns without waiting for operations; no pooled URL");
    }

    /**
     * Runs a command, with a clean environment (PATH, a fresh HOME, CI) when {@code clean}, as a CI job
     * would; its output goes to a file and is shown, key masked, only on failure.
     */
    private static int run(Path dir, List<String> command, Duration timeout, boolean clean)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("last-command.log").toFile());
        if (clean) {
            Map<String, String> env = pb.environment();
            String path = env.get("PATH");
            env.clear();
            env.put("PATH", path);
            env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
            env.put("CI", "true");
        }
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " timed out");
        }
        if (p.exitValue() != 0) {
            String log = Files.readString(dir.resolve("last-command.log"), StandardCharsets.UTF_8)
                    .replace(ReadinessLagBenchmark.KEY, "***");
            System.err.println(log.lines().limit(20).reduce("", (a, b) -> a + b + "\n"));
        }
        return p.exitValue();
    }

    static Table table(List<Result> results) {
        Table t = new Table("tool", "wall median", "wall p95", "wall max", "requests", "note");
        for (Result r : results) {
            t.row(r.tool(), Table.ms(r.wallMs().median()), Table.ms(r.wallMs().p95()), Table.ms(r.wallMs().max()),
                    String.format("%.0f", r.requests().median()), r.note());
        }
        return t;
    }
}
