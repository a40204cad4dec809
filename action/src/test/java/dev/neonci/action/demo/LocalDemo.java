package dev.neonci.action.demo;

import dev.neonci.action.testing.RunnerCommandParser;
import dev.neonci.action.testing.RunnerSimulator;
import dev.neonci.action.testing.RunnerSimulator.StepResult;
import dev.neonci.emulator.NeonEmulator;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The main job on a machine with no Neon account: starts the bundled Neon emulator, runs the action's
 * entrypoint (the built jar) for {@code create} and then {@code delete} exactly as the GitHub runner would
 * (a temp runner tree, a cleared environment with only {@code INPUT_*}/{@code GITHUB_*}, file commands),
 * and prints what a workflow sees: the step log as the runner shows it (masked values as {@code ***},
 * groups, annotations), the step outputs and the step summary.
 *
 * <p>Run: {@code ./mvnw -B -q -pl action -am package -DskipTests -Pdemo}
 */
public final class LocalDemo {

    private LocalDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "action/target/neon-ci-action.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            System.err.println("LocalDemo: " + jar + " not found; build it with ./mvnw -B -q -pl action -am package -DskipTests");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String apiKey = "napi_demo_" + UUID.randomUUID().toString().replace("-", "");
        Path tree = Files.createTempDirectory("neon-ci-demo-");
        int exit = 0;
        try (NeonEmulator emu = NeonEmulator.builder().apiKey(apiKey).operationDuration(Duration.ofMillis(600)).start()) {
            RunnerSimulator runner = new RunnerSimulator(tree,
                    List.of(java, "-jar", jar.toString()),
                    List.of(java, "-cp", jar.toString(), "dev.neonci.action.PostMain"));
            runner.github("GITHUB_EVENT_NAME", "pull_request").github("GITHUB_REF", "refs/pull/42/merge");
            out.println("neon-ci GitHub Action — local demo");
            out.println("Neon API emulator at " + emu.baseUrl() + ", project " + emu.projectId());
            out.println("Runner tree " + tree + " (workspace, home, workflow/event.json, file_commands/; removed at the end)");
            out.println("Pull request #42: with no branch_name the action derives one from GITHUB_REF.");

            Map<String, String> create = new LinkedHashMap<>();
            create.put("api_key", apiKey);
            create.put("project_id", emu.projectId());
            create.put("api_host", emu.baseUrl());
            StepResult created = step(out, runner, "neon-ci (command: create)", create, apiKey);
            exit |= created.exitCode;

            Map<String, String> delete = new LinkedHashMap<>(create);
            delete.put("command", "delete");
            delete.put("branch", created.outputs.getOrDefault("branch_name", "ci/pr-42"));
            StepResult deleted = step(out, runner, "neon-ci (command: delete)", delete, apiKey);
            exit |= deleted.exitCode;

            out.println();
            out.println("The same entrypoint talks to Neon when api_key and project_id are real and api_host is left at its default.");
        } finally {
            try (Stream<Path> paths = Files.walk(tree)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(exit);
    }

    private static StepResult step(PrintStream out, RunnerSimulator runner, String title, Map<String, String> with,
                                   String apiKey) throws Exception {
        out.println();
        out.println("== Step: " + title);
        out.println("   with:");
        with.forEach((k, v) -> out.println("     " + k + ": " + (k.equals("api_key") ? "${{ secrets.NEON_API_KEY }}" : v)));
        StepResult r = runner.runMain(with);

        List<String> masks = new ArrayList<>();
        out.println("-- log (as the runner shows it)");
        for (String line : r.stdout) {
            RunnerCommandParser.Command c = RunnerCommandParser.parse(line);
            if (c == null) {
                out.println("   " + mask(line, masks));
                continue;
            }
            switch (c.name()) {
                case "add-mask": masks.add(c.data()); break;
                case "group": out.println("   ▸ " + mask(c.data(), masks)); break;
                case "endgroup": break;
                case "debug": break;
                case "error": out.println("   Error: " + mask(c.properties().getOrDefault("title", "") + ": " + c.data(), masks)); break;
                case "warning": out.println("   Warning: " + mask(c.data(), masks)); break;
                default: out.println("   " + mask(line, masks));
            }
        }
        for (String line : r.stderr.lines().toList()) {
            out.println("   " + mask(line, masks));
        }
        out.println("-- exit code " + r.exitCode + " (" + masks.size() + " value(s) registered with ::add-mask::)");
        out.println("-- outputs (steps.<id>.outputs.*)");
        r.outputs.forEach((k, v) -> out.println("   " + k + " = " + mask(v, masks)));
        out.println("-- step summary ($GITHUB_STEP_SUMMARY)");
        r.summary.lines().forEach(l -> out.println("   " + mask(l, masks)));
        if (r.stdout.stream().anyMatch(l -> l.contains(apiKey) && !l.startsWith("::add-mask::"))) {
            throw new IllegalStateException("the API key was printed unmasked");
        }
        return r;
    }

    /** The runner's masker: every registered value becomes ***. */
    private static String mask(String text, List<String> masks) {
        String result = text;
        for (String m : masks) {
            if (!m.isEmpty()) {
                result = result.replace(m, "***");
            }
        }
        return result;
    }
}
