package dev.neonci.action.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs the built action the way the GitHub runner runs a container action (actions/runner
 * {@code ContainerActionHandler}), minus Docker:
 *
 * <ul>
 *   <li>a temp tree like the runner's {@code _temp}: {@code workspace/} (the working directory),
 *       {@code home/} (HOME), {@code workflow/event.json} (GITHUB_EVENT_PATH) and {@code file_commands/}
 *       with fresh {@code set_output_<uuid>}, {@code save_state_<uuid>}, {@code step_summary_<uuid>},
 *       {@code set_env_<uuid>}, {@code add_path_<uuid>} files per step;</li>
 *   <li>a <b>cleared</b> environment holding only what the runner passes: {@code INPUT_*} (action.yml's
 *       defaults, then the step's {@code with:} values under the runner's naming rule, hyphens kept),
 *       {@code GITHUB_*}, {@code HOME}, {@code CI=true}, {@code GITHUB_ACTIONS=true}, and for the post step
 *       {@code STATE_*} from the main step's state file;</li>
 *   <li>the main step is the image's ENTRYPOINT ({@code <runtime>/bin/java -jar <runtime>/neon-ci-action.jar});
 *       the post step is action.yml's {@code post-entrypoint} executed directly
 *       ({@code <runtime>/neon-ci-post}), as {@code docker run --entrypoint} would.</li>
 * </ul>
 */
public final class RunnerSimulator {

    /** What one step left behind. */
    public static final class StepResult {
        public final int exitCode;
        public final List<String> stdout;
        public final String stderr;
        public final Map<String, String> outputs;
        public final Map<String, String> state;
        public final String summary;
        public final String outputFileText;
        public final String stateFileText;

        StepResult(int exitCode, List<String> stdout, String stderr, Map<String, String> outputs,
                   Map<String, String> state, String summary, String outputFileText, String stateFileText) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.outputs = outputs;
            this.state = state;
            this.summary = summary;
            this.outputFileText = outputFileText;
            this.stateFileText = stateFileText;
        }

        /** Every workflow command the runner would act on, in order. */
        public List<RunnerCommandParser.Command> commands() {
            List<RunnerCommandParser.Command> list = new ArrayList<>();
            for (String line : stdout) {
                RunnerCommandParser.Command c = RunnerCommandParser.parse(line);
                if (c != null) {
                    list.add(c);
                }
            }
            return list;
        }

        public List<RunnerCommandParser.Command> commands(String name) {
            return commands().stream().filter(c -> c.name().equals(name)).toList();
        }

        /** stdout and stderr as one text, for failure messages (secrets are masked by the caller). */
        public String log() {
            return String.join("\n", stdout) + (stderr.isEmpty() ? "" : "\n[stderr]\n" + stderr);
        }
    }

    private final Path root;
    private final List<String> mainCommand;
    private final List<String> postCommand;
    private UnaryOperator<String> toContainerPath = UnaryOperator.identity();
    private final Path workspace;
    private final Path home;
    private final Path workflow;
    private final Path fileCommands;
    private final ActionManifest manifest;
    private final Map<String, String> github = new LinkedHashMap<>();
    private long timeoutSeconds = 120;

    /** Runs the image's entrypoints from a runtime laid out like /opt/neon-ci (see {@link #builtRuntime()}). */
    public RunnerSimulator(Path root, Path runtime) throws IOException {
        this(root,
                List.of(runtime.resolve("bin/java").toString(), "-jar", runtime.resolve("neon-ci-action.jar").toString()),
                List.of(runtime.resolve("neon-ci-post").toString()));
    }

    /** Runs the given commands for the main and the post step (e.g. the shaded jar on this JVM's java). */
    public RunnerSimulator(Path root, List<String> mainCommand, List<String> postCommand) throws IOException {
        this.root = root;
        this.mainCommand = List.copyOf(mainCommand);
        this.postCommand = List.copyOf(postCommand);
        this.workspace = Files.createDirectories(root.resolve("workspace"));
        this.home = Files.createDirectories(root.resolve("home"));
        this.workflow = Files.createDirectories(root.resolve("workflow"));
        this.fileCommands = Files.createDirectories(root.resolve("file_commands"));
        this.manifest = ActionManifest.load();
        Files.writeString(workflow.resolve("event.json"), "{}");
        github.put("GITHUB_ACTIONS", "true");
        github.put("CI", "true");
        github.put("HOME", home.toString());
        github.put("GITHUB_WORKSPACE", workspace.toString());
        github.put("GITHUB_EVENT_PATH", workflow.resolve("event.json").toString());
        github.put("GITHUB_EVENT_NAME", "push");
        github.put("GITHUB_REF", "refs/heads/main");
        github.put("GITHUB_REPOSITORY", "octo/app");
        github.put("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567");
        github.put("GITHUB_JOB", "test");
        github.put("GITHUB_RUN_ID", "9876543210");
        github.put("GITHUB_RUN_ATTEMPT", "1");
        github.put("GITHUB_ACTION", "__neon-ci");
    }

    /** The jlinked runtime the build made (action/target/runtime), laid out like the image's /opt/neon-ci. */
    public static Path builtRuntime() {
        String dir = System.getProperty("neonci.action.runtime");
        Path runtime = (dir != null ? Path.of(dir) : Path.of("target/runtime")).toAbsolutePath().normalize();
        if (!Files.isExecutable(runtime.resolve("bin/java")) || !Files.isRegularFile(runtime.resolve("neon-ci-action.jar"))
                || !Files.isExecutable(runtime.resolve("neon-ci-post"))) {
            throw new IllegalStateException("no built runtime at " + runtime
                    + " (the pre-integration-test phase runs action/build-runtime.sh; run ./mvnw -pl action -am verify)");
        }
        return runtime;
    }

    public RunnerSimulator github(String name, String value) {
        github.put(name, value);
        return this;
    }

    public RunnerSimulator event(String json) throws IOException {
        Files.writeString(workflow.resolve("event.json"), json);
        return this;
    }

    /**
     * How a host path is seen inside the "container" (the runner's {@code TranslateToContainerPath}, e.g.
     * {@code …/_temp/_runner_file_commands/x} → {@code /github/file_commands/x}); applied to every
     * environment value. Default: unchanged.
     */
    public RunnerSimulator containerPaths(UnaryOperator<String> translator) {
        this.toContainerPath = translator;
        return this;
    }

    public RunnerSimulator timeoutSeconds(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    public Path workspace() {
        return workspace;
    }

    /** The runner's variable for a {@code with:} key: INPUT_ + upper case, spaces to '_', hyphens kept. */
    public static String inputVariable(String name) {
        return "INPUT_" + name.replace(' ', '_').toUpperCase(Locale.ROOT);
    }

    /** Runs the main step with these {@code with:} values. */
    public StepResult runMain(Map<String, String> with) throws Exception {
        return run(mainCommand, with, Map.of());
    }

    /** Runs the post step: the same {@code with:} values (re-evaluated) plus {@code STATE_*} from main. */
    public StepResult runPost(Map<String, String> with, Map<String, String> state) throws Exception {
        Map<String, String> stateEnv = new LinkedHashMap<>();
        state.forEach((k, v) -> stateEnv.put("STATE_" + k, v));
        return run(postCommand, with, stateEnv);
    }

    private StepResult run(List<String> command, Map<String, String> with, Map<String, String> extra) throws Exception {
        String suffix = UUID.randomUUID().toString();
        Path output = Files.createFile(fileCommands.resolve("set_output_" + suffix));
        Path state = Files.createFile(fileCommands.resolve("save_state_" + suffix));
        Path summary = Files.createFile(fileCommands.resolve("step_summary_" + suffix));
        Path env = Files.createFile(fileCommands.resolve("set_env_" + suffix));
        Path path = Files.createFile(fileCommands.resolve("add_path_" + suffix));

        ProcessBuilder pb = new ProcessBuilder(command).directory(workspace.toFile());
        Map<String, String> environment = pb.environment();
        environment.clear();
        manifest.inputDefaults.forEach((name, def) -> {
            if (def != null) {
                environment.put(inputVariable(name), def);
            }
        });
        with.forEach((name, value) -> environment.put(inputVariable(name), value));
        environment.putAll(github);
        environment.put("GITHUB_OUTPUT", output.toString());
        environment.put("GITHUB_STATE", state.toString());
        environment.put("GITHUB_STEP_SUMMARY", summary.toString());
        environment.put("GITHUB_ENV", env.toString());
        environment.put("GITHUB_PATH", path.toString());
        environment.putAll(extra);
        environment.replaceAll((k, v) -> toContainerPath.apply(v));

        Process process = pb.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the step did not end within " + timeoutSeconds + " s");
        }
        String stdout = out.get(10, TimeUnit.SECONDS);
        String stderr = err.get(10, TimeUnit.SECONDS);
        return new StepResult(process.exitValue(), stdout.lines().toList(), stderr,
                RunnerFileCommands.parse(output), RunnerFileCommands.parse(state),
                Files.readString(summary, StandardCharsets.UTF_8),
                Files.readString(output, StandardCharsets.UTF_8), Files.readString(state, StandardCharsets.UTF_8));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }
}
