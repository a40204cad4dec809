package dev.neonci.action;

import dev.neonci.action.github.ActionInputs;
import dev.neonci.action.github.FileCommands;
import dev.neonci.action.github.StepSummary;
import dev.neonci.action.github.WorkflowCommands;
import dev.neonci.core.ci.BranchNames;
import dev.neonci.core.ci.ConnectionEnvironment;
import dev.neonci.core.ci.Inputs;
import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.client.NeonApiException;
import dev.neonci.core.client.NeonAuthenticationException;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonException;
import dev.neonci.core.client.NeonTimeoutException;
import dev.neonci.core.client.NeonTransportException;
import dev.neonci.core.client.NeonUnexpectedAnswerException;
import dev.neonci.core.client.OperationFailedException;
import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.lifecycle.ConnectionOptions;
import dev.neonci.core.lifecycle.DeleteResult;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.ProgressListener;
import dev.neonci.core.lifecycle.SslMode;
import dev.neonci.core.lifecycle.SweepRequest;
import dev.neonci.core.lifecycle.SweepResult;
import dev.neonci.core.wait.Deadline;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The action's two phases, on an injected environment and stdout so that tests can drive them:
 * {@link #runMain()} (the step: create, delete, reset or sweep) and {@link #runPost()} (the post step at job
 * end: deletes the branch when {@code delete_on_job_end} was set). Both return the exit code.
 *
 * <p>Order of work, on purpose: mask the API key; validate every input (a mistake fails here, before any
 * request); talk to Neon through the core's {@link BranchLifecycle}; mask the password and both URLs as
 * soon as they exist; then write outputs, state and the step summary. Every failure ends as one
 * {@code ::error title=…::cause} line and exit code 1, without a stack trace.
 */
public final class ActionRunner {

    public static final String DEFAULT_API_HOST = "https://console.neon.tech/api/v2";
    static final String DEFAULT_TIMEOUT_SECONDS = "300";
    static final String DEFAULT_PREFIX = "ci";
    static final String DEFAULT_OLDER_THAN = "24h";

    // State shared with the post step ($GITHUB_STATE -> STATE_<name>).
    static final String STATE_DELETE = "delete_on_job_end";
    static final String STATE_PROJECT = "project_id";
    static final String STATE_API_HOST = "api_host";
    static final String STATE_BRANCH_NAME = "branch_name";
    static final String STATE_BRANCH_ID = "branch_id";
    static final String STATE_TIMEOUT = "timeout";

    private final Map<String, String> env;
    private final ActionInputs inputs;
    private final WorkflowCommands log;
    private final Clock clock;
    private final PrintStream err;

    public ActionRunner(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this.env = Map.copyOf(env);
        this.inputs = new ActionInputs(this.env);
        this.log = new WorkflowCommands(out);
        this.err = err;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------ main

    public int runMain() {
        // First of all, before anything could print it.
        log.addMask(inputs.get("api_key"));
        return guarded(() -> {
            ActionCommand command = ActionCommand.parse(inputs.get("command"));
            Connection connection = connection();
            switch (command) {
                case CREATE: return create(connection);
                case DELETE: return delete(connection);
                case RESET: return reset(connection);
                case SWEEP: return sweep(connection);
                default: throw new IllegalStateException(command.name());
            }
        });
    }

    /** The inputs every command needs, validated. */
    private Connection connection() {
        String apiKey = Inputs.apiKey("api_key", inputs.get("api_key"));
        String projectId = Inputs.projectId("project_id", inputs.get("project_id"));
        String apiHost = Inputs.apiUrl("api_host", inputs.get("api_host", DEFAULT_API_HOST));
        Duration timeout = Inputs.timeout("timeout", inputs.get("timeout", DEFAULT_TIMEOUT_SECONDS));
        return new Connection(apiKey, projectId, apiHost, timeout);
    }

    private int create(Connection c) {
        boolean deleteOnJobEnd = inputs.getBoolean("delete_on_job_end", false);
        String branchName = inputs.getOrNull("branch_name") != null
                ? Inputs.branchName("branch_name", inputs.get("branch_name"))
                : defaultBranchName(deleteOnJobEnd);
        EnsureBranchRequest request = EnsureBranchRequest.builder(branchName)
                .parent(inputs.getOrNull("parent_branch"))
                .database(inputs.getOrNull("database"))
                .role(inputs.getOrNull("role"))
                .sslMode(SslMode.parse("ssl", inputs.get("ssl")))
                .schemaOnly(branchType())
                .expiresAt(Inputs.expiresAt("expires_at", inputs.get("expires_at"), clock))
                .suspendTimeoutSeconds(suspendTimeout())
                .build();

        if (deleteOnJobEnd) {
            // Written before any request: if the job dies half-way, the post step still knows what to delete.
            FileCommands state = stateFile();
            if (state == null) {
                log.warning("delete_on_job_end", "GITHUB_STATE is not set (not on a GitHub runner?): the branch will not be deleted at job end");
            } else {
                state.set(STATE_DELETE, "true");
                state.set(STATE_PROJECT, c.projectId);
                state.set(STATE_API_HOST, c.apiHost);
                state.set(STATE_BRANCH_NAME, branchName);
                state.set(STATE_TIMEOUT, Long.toString(c.timeout.toSeconds()));
            }
        }

        BranchConnection branch = withLifecycle(c, "Create or reuse branch " + branchName,
                lifecycle -> lifecycle.ensureBranch(request, c.deadline()));
        maskConnection(branch);

        if (deleteOnJobEnd) {
            FileCommands state = stateFile();
            if (state != null) {
                state.set(STATE_BRANCH_ID, branch.branchId());
            }
        }
        writeConnectionOutputs(branch);
        log.info("Branch " + branch.branchName() + " (" + branch.branchId() + ") "
                + (branch.created() ? "created" : "reused") + ", ready in " + seconds(branch.timeToReady())
                + "; host " + branch.host()
                + (deleteOnJobEnd ? "; it will be deleted when the job ends" : ""));
        summary(new StepSummary()
                .heading("Neon branch " + StepSummary.code(branch.branchName()) + (branch.created() ? " created" : " reused"))
                .table(connectionRows(c, branch, branch.created() ? "created" : "reused (it already existed)",
                        deleteOnJobEnd ? "deleted when the job ends" : null)));
        return 0;
    }

    private int delete(Connection c) {
        String target = targetBranch();
        DeleteResult result = withLifecycle(c, "Delete branch " + target,
                lifecycle -> lifecycle.deleteBranch(target, c.deadline()));
        output("deleted", Boolean.toString(result.deleted()));
        if (result.deleted()) {
            output("branch_id", result.branchId());
            output("branch_name", result.branchName());
            log.info("Branch " + result.branchName() + " (" + result.branchId() + ") deleted");
        } else {
            log.info("Branch " + target + " does not exist: nothing to delete");
        }
        summary(new StepSummary()
                .heading("Neon branch " + StepSummary.code(target) + (result.deleted() ? " deleted" : " did not exist"))
                .table(List.of(
                        row("Project", StepSummary.code(c.projectId)),
                        row("Branch", result.deleted() ? StepSummary.code(result.branchName()) + " (" + StepSummary.code(result.branchId()) + ")" : StepSummary.code(target)),
                        row("Deleted", result.deleted() ? "yes" : "no (nothing to delete)"))));
        return 0;
    }

    private int reset(Connection c) {
        String target = targetBranch();
        ConnectionOptions options = ConnectionOptions.builder()
                .database(inputs.getOrNull("database"))
                .role(inputs.getOrNull("role"))
                .sslMode(SslMode.parse("ssl", inputs.get("ssl")))
                .build();
        BranchConnection branch = withLifecycle(c, "Reset branch " + target + " to its parent",
                lifecycle -> lifecycle.resetToParent(target, options, c.deadline()));
        maskConnection(branch);
        writeConnectionOutputs(branch);
        log.info("Branch " + branch.branchName() + " (" + branch.branchId() + ") reset to its parent, ready in "
                + seconds(branch.timeToReady()) + "; host " + branch.host());
        summary(new StepSummary()
                .heading("Neon branch " + StepSummary.code(branch.branchName()) + " reset to its parent")
                .table(connectionRows(c, branch, "reset to the parent's latest state", null)));
        return 0;
    }

    private int sweep(Connection c) {
        String prefix = inputs.get("prefix");
        if (prefix.isEmpty()) {
            throw new InvalidInputException("prefix", "input required for command sweep (a branch name prefix such as \"ci/\")");
        }
        Duration olderThan = Inputs.duration("older_than", inputs.get("older_than", DEFAULT_OLDER_THAN));
        boolean dryRun = inputs.getBoolean("dry_run", false);
        SweepRequest request = new SweepRequest(prefix, olderThan, dryRun);
        SweepResult result = withLifecycle(c,
                (dryRun ? "Dry run: sweep" : "Sweep") + " branches starting with " + prefix + " older than " + inputs.get("older_than", DEFAULT_OLDER_THAN),
                lifecycle -> lifecycle.sweep(request, c.deadline()));
        List<String> names = dryRun ? result.matched() : result.deleted();
        output("count", Integer.toString(names.size()));
        output("names", jsonArray(names));
        log.info((dryRun ? "Would delete " : "Deleted ") + names.size() + " branch(es)"
                + (names.isEmpty() ? "" : ": " + String.join(", ", names)));
        StepSummary summary = new StepSummary()
                .heading((dryRun ? "Dry run: " + names.size() + " Neon branch(es) would be deleted"
                        : names.size() + " Neon branch(es) deleted")
                        + " (prefix " + StepSummary.code(prefix) + ", older than " + inputs.get("older_than", DEFAULT_OLDER_THAN) + ")")
                .codeList(names);
        if (!result.failed().isEmpty()) {
            summary.paragraph("Failed:");
            List<String> failed = new ArrayList<>();
            result.failed().forEach((name, reason) -> failed.add(name + ": " + reason));
            summary.codeList(failed);
        }
        summary(summary);
        if (!result.failed().isEmpty()) {
            result.failed().forEach((name, reason) -> log.warning("Sweep", "could not delete " + name + ": " + reason));
            log.error("Sweep incomplete", result.failed().size() + " branch(es) could not be deleted: "
                    + String.join(", ", result.failed().keySet()));
            return 1;
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------ post

    /**
     * The post step (a new container at job end, after failures too). Reads what the main step saved
     * ({@code STATE_*}); deletes the branch only when {@code delete_on_job_end} was set. Idempotent: a
     * branch that is already gone is fine.
     */
    public int runPost() {
        log.addMask(inputs.get("api_key"));
        return guarded(() -> {
            if (!"true".equals(state(STATE_DELETE))) {
                log.info("delete_on_job_end was not set: nothing to clean up");
                return 0;
            }
            String target = state(STATE_BRANCH_ID) != null ? state(STATE_BRANCH_ID) : state(STATE_BRANCH_NAME);
            if (target == null) {
                log.info("No branch was recorded by the main step: nothing to clean up");
                return 0;
            }
            String apiKey = Inputs.apiKey("api_key", inputs.get("api_key"));
            String projectId = Inputs.projectId("project_id", state(STATE_PROJECT) != null ? state(STATE_PROJECT) : inputs.get("project_id"));
            String apiHost = Inputs.apiUrl("api_host", state(STATE_API_HOST) != null ? state(STATE_API_HOST) : inputs.get("api_host", DEFAULT_API_HOST));
            Duration timeout = Inputs.timeout("timeout", state(STATE_TIMEOUT) != null ? state(STATE_TIMEOUT) : DEFAULT_TIMEOUT_SECONDS);
            Connection c = new Connection(apiKey, projectId, apiHost, timeout);
            String label = state(STATE_BRANCH_NAME) != null ? state(STATE_BRANCH_NAME) : target;
            DeleteResult result = withLifecycle(c, "Delete branch " + label + " at job end",
                    lifecycle -> lifecycle.deleteBranch(target, c.deadline()));
            log.info(result.deleted()
                    ? "Branch " + label + " (" + result.branchId() + ") deleted at job end"
                    : "Branch " + label + " was already gone");
            summary(new StepSummary().paragraph("Neon branch " + StepSummary.code(label)
                    + (result.deleted() ? " deleted at job end." : " was already gone at job end.")));
            return 0;
        });
    }

    private String state(String name) {
        String v = env.get("STATE_" + name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    // ------------------------------------------------------------------------------------------ helpers

    /**
     * Runs a phase; every failure ends as one {@code ::error} line and exit code 1. A failed step explains
     * itself in words: no Java class name and no stack trace in the log — except, for a bug, the trace on
     * stderr when the user turned on debug logging ({@code RUNNER_DEBUG=1}, set by the runner for
     * {@code ACTIONS_STEP_DEBUG}).
     */
    int guarded(Supplier<Integer> work) {
        try {
            return work.get();
        } catch (InvalidInputException e) {
            log.error("Invalid input: " + e.input(), e.getMessage());
        } catch (NeonAuthenticationException e) {
            log.error("Neon rejected the API key", e.getMessage());
        } catch (NeonTimeoutException e) {
            log.error("Timed out", e.getMessage() + " (raise the timeout input, now " + e.timeout().toSeconds() + " s)");
        } catch (OperationFailedException e) {
            log.error("Neon operation failed", e.getMessage());
        } catch (NeonApiException e) {
            log.error("Neon API error (HTTP " + e.status() + ")", e.getMessage());
        } catch (NeonUnexpectedAnswerException e) {
            log.error("Unexpected answer from Neon", e.getMessage());
        } catch (NeonTransportException e) {
            log.error("Cannot reach Neon", e.getMessage());
        } catch (NeonException e) {
            log.error("neon-ci failed", e.getMessage());
        } catch (UncheckedIOException e) {
            log.error("Cannot write a runner file", e.getMessage());
        } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
            // A bug (or a broken runtime), not a user mistake: say so in one line; the trace only on request.
            String detail = describeBug(e);
            log.error("Unexpected error in neon-ci", "neon-ci failed unexpectedly" + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + "; please report it" + ("1".equals(env.get("RUNNER_DEBUG")) ? " with the stack trace below"
                    : ", rerunning with debug logging (ACTIONS_STEP_DEBUG) for the stack trace"));
            if ("1".equals(env.get("RUNNER_DEBUG"))) {
                e.printStackTrace(err);
            }
        }
        return 1;
    }

    /** The message of an unexpected failure on one line, without Java class names in it. */
    static String describeBug(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return "";
        }
        String clean = m.replaceAll("\\s*[\\r\\n]+\\s*", " ")
                .replaceAll("(?:[A-Za-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?", "").trim();
        return clean.length() > 300 ? clean.substring(0, 300) + "..." : clean;
    }

    private <T> T withLifecycle(Connection c, String title, java.util.function.Function<BranchLifecycle, T> work) {
        log.group(title);
        try (NeonClient client = NeonClient.builder()
                .apiKey(c.apiKey)
                .baseUrl(c.apiHost)
                .userAgentProduct("github-action")
                .build()) {
            BranchLifecycle lifecycle = new BranchLifecycle(client, c.projectId, new LogProgress(log));
            return work.apply(lifecycle);
        } finally {
            log.endGroup();
        }
    }

    /**
     * Registers every secret of the connection with the runner: the password, its percent-encoded form when
     * that differs (a program printing the user-info part of a URL shows that form), and both URLs — the
     * core's {@link ConnectionEnvironment#secretValues()}, so both front ends mask the same set.
     */
    void maskConnection(BranchConnection b) {
        log.addMask(b.password());
        for (String secret : ConnectionEnvironment.of(b).secretValues()) {
            if (!secret.equals(b.password())) {
                log.addMask(secret);
            }
        }
    }

    private void writeConnectionOutputs(BranchConnection b) {
        output("db_url", b.dbUrl());
        output("db_url_pooled", b.dbUrlPooled());
        output("db_host", b.host());
        output("db_host_pooled", b.poolerHost());
        output("password", b.password());
        output("branch_id", b.branchId());
        output("branch_name", b.branchName());
        output("created", Boolean.toString(b.created()));
        output("expires_at", b.expiresAt().map(i -> DateTimeFormatter.ISO_INSTANT.format(i.truncatedTo(ChronoUnit.SECONDS))).orElse(""));
    }

    private List<String[]> connectionRows(Connection c, BranchConnection b, String what, String cleanup) {
        return List.of(
                row("Branch", StepSummary.code(b.branchName()) + " (" + StepSummary.code(b.branchId()) + ")"),
                row("Created or reused", what),
                row("Host", StepSummary.code(b.host())),
                row("Database / role", StepSummary.code(b.database()) + " / " + StepSummary.code(b.role())),
                row("Time to ready", seconds(b.timeToReady())),
                row("Expires", b.expiresAt().map(i -> DateTimeFormatter.ISO_INSTANT.format(i.truncatedTo(ChronoUnit.SECONDS))).orElse(null)),
                row("Project", StepSummary.code(c.projectId)),
                row("Cleanup", cleanup));
    }

    private static String[] row(String key, String value) {
        return new String[] {key, value};
    }

    private String targetBranch() {
        String target = inputs.get("branch");
        if (target.isEmpty()) {
            target = inputs.get("branch_name");
        }
        String field = "branch";
        if (target.isEmpty()) {
            target = inputs.get("branch_id");
            field = "branch_id";
        }
        if (target.isEmpty()) {
            throw new InvalidInputException("branch", "input required for command "
                    + ActionCommand.parse(inputs.get("command")).inputValue() + " (the branch name or id)");
        }
        return Inputs.branchName(field, target);
    }

    private boolean branchType() {
        String v = inputs.get("branch_type", "default").toLowerCase(Locale.ROOT);
        switch (v) {
            case "default": case "parent-data": return false;
            case "schema-only": return true;
            default:
                throw new InvalidInputException("branch_type", "\"" + inputs.get("branch_type").replaceAll("\\p{Cntrl}", "?")
                        + "\" is not a branch type (expected default or schema-only)");
        }
    }

    /** {@code suspend_timeout}: -1 (never), 0 (Neon's default) or seconds; validated by the core. */
    private Integer suspendTimeout() {
        Integer seconds = Inputs.suspendTimeoutSeconds("suspend_timeout", inputs.get("suspend_timeout"));
        return seconds == null || seconds == 0 ? null : seconds;
    }

    /**
     * The branch name when {@code branch_name} is empty, derived from the GitHub context with the core's
     * {@link BranchNames#derive}: {@code <prefix>/pr-<n>} for a pull request (stable across its runs, so a
     * preview branch is reused), else — and always when the branch is per-job ({@code delete_on_job_end}) —
     * {@code <prefix>/<job>/<run id>-<attempt>}. The prefix defaults to {@code ci}.
     */
    String defaultBranchName(boolean perJob) {
        GitHubContext gh = new GitHubContext(env);
        String prefix = inputs.get("prefix", DEFAULT_PREFIX);
        Optional<String> pr = gh.pullRequestNumber();
        if (pr.isPresent() && !perJob) {
            return BranchNames.derive(prefix, "pr-" + pr.get());
        }
        Optional<String> runId = gh.runId();
        if (runId.isEmpty()) {
            throw new InvalidInputException("branch_name", "is empty and there is no GitHub context (GITHUB_REF, GITHUB_RUN_ID) to derive a name from");
        }
        return BranchNames.derive(prefix, gh.job().orElse(""), runId.get() + "-" + gh.runAttempt());
    }

    private FileCommands stateFile() {
        String path = env.get("GITHUB_STATE");
        return path == null || path.isBlank() ? null : new FileCommands(Path.of(path));
    }

    private FileCommands outputs;
    private boolean warnedNoOutput;

    private void output(String name, String value) {
        if (outputs == null) {
            String path = env.get("GITHUB_OUTPUT");
            if (path == null || path.isBlank()) {
                if (!warnedNoOutput) {
                    log.warning(null, "GITHUB_OUTPUT is not set (not on a GitHub runner?): outputs are not written");
                    warnedNoOutput = true;
                }
                return;
            }
            outputs = new FileCommands(Path.of(path));
        }
        outputs.set(name, value == null ? "" : value);
    }

    private void summary(StepSummary summary) {
        String path = env.get("GITHUB_STEP_SUMMARY");
        if (path != null && !path.isBlank()) {
            summary.appendTo(Path.of(path));
        }
    }

    static String seconds(Duration d) {
        if (d == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String jsonArray(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"');
            for (char ch : names.get(i).toCharArray()) {
                switch (ch) {
                    case '"': sb.append("\\\""); break;
                    case '\\': sb.append("\\\\"); break;
                    case '\n': sb.append("\\n"); break;
                    case '\r': sb.append("\\r"); break;
                    case '\t': sb.append("\\t"); break;
                    default:
                        if (ch < 0x20) {
                            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                        } else {
                            sb.append(ch);
                        }
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
    }

    /** Validated inputs shared by all commands. */
    private final class Connection {
        final String apiKey;
        final String projectId;
        final String apiHost;
        final Duration timeout;
        private final Deadline deadline;

        Connection(String apiKey, String projectId, String apiHost, Duration timeout) {
            this.apiKey = apiKey;
            this.projectId = projectId;
            this.apiHost = apiHost;
            this.timeout = timeout;
            this.deadline = Deadline.after(timeout, clock);
        }

        /** One budget for the whole command, started when the inputs were valid. */
        Deadline deadline() {
            return deadline;
        }

        @Override
        public String toString() {
            return "Connection[projectId=" + projectId + ", apiHost=" + apiHost + ", timeout=" + timeout + "]";
        }
    }

    /** Lifecycle progress as log lines; the core's messages never contain a secret. */
    static final class LogProgress implements ProgressListener {
        private final WorkflowCommands log;

        LogProgress(WorkflowCommands log) {
            this.log = log;
        }

        @Override
        public void info(String message) {
            log.info(message);
        }
    }
}
