package dev.neonci.bench;

import dev.neonci.action.testing.ImageSize;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.wait.PollSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Prints the figures behind neon-ci's claims (see BENCHMARKS.md). Everything runs against the bundled
 * emulator over real HTTP on loopback; nothing here reaches Neon.
 *
 * <pre>
 *   ./mvnw -B -q -pl benchmarks -am package -DskipTests -Pbenchmark                   # all four
 *   ./mvnw -B -q -pl benchmarks -am package -DskipTests -Pbenchmark -Dbenchmarks=lag  # or: contention coldstart size
 * </pre>
 */
public final class Benchmarks {

    private static final List<String> ALL = List.of("lag", "contention", "coldstart", "size");

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        // Names arrive as one argument from the Maven profile ("lag contention") or as several.
        List<String> names = Arrays.stream(String.join(" ", args).trim().split("\\s+")).filter(n -> !n.isEmpty()).toList();
        Set<String> only = Set.copyOf(names.isEmpty() ? ALL : names);
        for (String name : only) {
            if (!ALL.contains(name)) {
                System.err.println("unknown benchmark \"" + name + "\": expected any of " + String.join(", ", ALL));
                System.exit(2);
            }
        }
        Path root = Path.of(System.getProperty("neonci.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(root.resolve("benchmarks/target/work"));

        System.out.println("# neon-ci benchmarks — " + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        System.out.println(Machine.describe() + ", neon-ci " + NeonClient.VERSION);
        System.out.println();

        if (only.contains("lag")) {
            System.out.println("## 1. Readiness lag and polling cost (20 creates each, after 2 warm-up creates;"
                    + " operations of the create lasting d in total: 2 sequential operations of d/2)");
            List<ReadinessLagBenchmark.Result> results = new ArrayList<>();
            for (long ms : new long[] {200, 1000, 3000}) {
                Duration op = Duration.ofMillis(ms);
                results.add(ReadinessLagBenchmark.run("neon-ci adaptive", PollSchedule.defaults(), op, 20));
                results.add(ReadinessLagBenchmark.run("fixed 100 ms (reference)", ReadinessLagBenchmark.FIXED_100_MS, op, 20));
            }
            System.out.println(ReadinessLagBenchmark.table(results).render());
        }
        if (only.contains("contention")) {
            System.out.println("## 2. Contention: 50 creates in parallel on one project (0.2 s operations, 423 while busy)");
            ContentionBenchmark.Result r = ContentionBenchmark.run(50, Duration.ofMillis(200), Duration.ofMinutes(5));
            System.out.println(ContentionBenchmark.table(r).render());
            r.failures().stream().distinct().forEach(f -> System.out.println("failure: " + f));
        }
        Path runtime = null;
        if (only.contains("coldstart") || only.contains("size")) {
            runtime = ActionRuntime.build(root, work.resolve("runtime"));
        }
        if (only.contains("coldstart")) {
            System.out.println("## 3. Cold start: process start to outputs written (instant operations, 10 runs)");
            List<ColdStartBenchmark.Result> results = new ArrayList<>();
            results.add(ColdStartBenchmark.action(runtime, work, 10));
            results.add(ColdStartBenchmark.action("same jar, full JDK " + System.getProperty("java.version")
                    + ", no JVM options", ColdStartBenchmark.plainJdkLayout(runtime, work), work, 10));
            try {
                results.add(ColdStartBenchmark.neonctl(work, 10));
            } catch (Exception e) {
                System.out.println("neonctl could not be measured: " + e.getMessage());
            }
            System.out.println(ColdStartBenchmark.table(results).render());
        }
        if (only.contains("size")) {
            System.out.println("## 4. Runtime size (action/build-runtime.sh with this machine's JDK)");
            long total = ImageSize.bytes(runtime);
            long jar = Files.size(runtime.resolve("neon-ci-action.jar"));
            System.out.println(new Table("runtime (jlinked JDK)", "application jar", "total", "target")
                    .row(ImageSize.megabytes(total - jar), ImageSize.megabytes(jar), ImageSize.megabytes(total), "≤ " + ImageSize.megabytes(ImageSize.BUDGET_BYTES))
                    .render());
        }
    }
}
