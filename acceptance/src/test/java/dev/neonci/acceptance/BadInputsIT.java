package dev.neonci.acceptance;

import dev.neonci.action.testing.RunnerCommandParser;
import dev.neonci.action.testing.RunnerSimulator;
import dev.neonci.action.testing.RunnerSimulator.StepResult;
import dev.neonci.core.ci.Inputs;
import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.SslMode;
import dev.neonci.core.lifecycle.SweepRequest;
import dev.neonci.core.wait.Deadline;
import dev.neonci.emulator.NeonEmulator;
import dev.neonci.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input table: each malformed input, through the action's environment interface (the built action
 * run as the runner runs it) and through the core's API, fails with one line naming the input and saying what
 * is expected — before any request. Two rows need to read before they can refuse (deleting or resetting the
 * default branch: only Neon knows which branch is the default); for those the rule is "no mutating request".
 */
class BadInputsIT {

    private static final String API_KEY = "napi_acc_" + UUID.randomUUID().toString().replace("-", "");
    private static final String LONG_NAME = "ci/" + "x".repeat(254);
    private static final String LONG_PROJECT = "p".repeat(61);
    private static NeonEmulator emu;
    private static NeonClient shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        emu = NeonEmulator.builder().apiKey(API_KEY).operationDuration(Duration.ofMillis(50)).start();
        shared = client(API_KEY, emu.baseUrl());
    }

    @AfterAll
    static void stop() {
        shared.close();
        emu.close();
    }

    @BeforeEach
    void clearLog() {
        emu.requestLog().clear();
    }

    // ------------------------------------------------------------------------------------------ the action

    /**
     * label | input the error names | what the message must tell the user (the expectation) | {@code with:}
     * values over a valid create step.
     */
    static Stream<Arguments> actionRows() {
        String in31Days = Instant.now().plus(Duration.ofDays(31)).truncatedTo(ChronoUnit.SECONDS).toString();
        return Stream.of(
                row("empty api_key", "api_key", "expected a Neon API key", "api_key", ""),
                row("whitespace api_key", "api_key", "expected a Neon API key", "api_key", "   "),
                row("empty project_id", "project_id", "expected a Neon project id", "project_id", ""),
                row("project_id with spaces and capitals", "project_id", "^[a-z0-9-]{1,60}$", "project_id", "Not A Project"),
                row("project_id with an underscore", "project_id", "^[a-z0-9-]{1,60}$", "project_id", "my_project"),
                row("project_id of 61 characters", "project_id", "^[a-z0-9-]{1,60}$", "project_id", LONG_PROJECT),
                row("branch_name of 257 characters", "branch_name", "at most 256", "branch_name", LONG_NAME),
                row("branch_name with a control character", "branch_name", "printable", "branch_name", "ci/a\u0007b"),
                row("expires_at malformed", "expires_at", "RFC 3339", "expires_at", "next tuesday"),
                row("expires_at without a time zone", "expires_at", "time zone", "expires_at", "2030-01-01T00:00:00"),
                row("expires_at in the past", "expires_at", "not in the future", "expires_at", "2020-01-01T00:00:00Z"),
                row("expires_at beyond Neon's 30 days", "expires_at", "30 days", "expires_at", in31Days),
                row("negative timeout", "timeout", "expected 1 to 21600 seconds", "timeout", "-5"),
                row("zero timeout", "timeout", "expected 1 to 21600 seconds", "timeout", "0"),
                row("absurd timeout (over 6 h)", "timeout", "expected 1 to 21600 seconds", "timeout", "999999999"),
                row("timeout not a number", "timeout", "whole number of seconds", "timeout", "ten"),
                row("http:// api_host off loopback", "api_host", "expected https://", "api_host", "http://neon.example.com/api/v2"),
                row("api_host not a URL", "api_host", "expected an https:// URL", "api_host", "console.neon.tech"),
                row("api_host with credentials", "api_host", "credentials belong in api_key", "api_host", "https://user:secret@console.neon.tech/api/v2"),
                row("unknown command", "command", "expected create, delete, reset or sweep", "command", "destroy"),
                row("delete without a branch", "branch", "the branch name or id", "command", "delete", "branch_name", ""),
                row("reset without a branch", "branch", "the branch name or id", "command", "reset", "branch_name", ""),
                row("sweep with an empty prefix", "prefix", "branch name prefix", "command", "sweep", "prefix", ""),
                row("sweep with a blank prefix", "prefix", "branch name prefix", "command", "sweep", "prefix", "   "),
                row("bad ssl", "ssl", "expected require, verify-ca, verify-full or omit", "ssl", "sometimes"),
                row("bad branch_type", "branch_type", "expected default or schema-only", "branch_type", "full"),
                row("suspend_timeout not a number", "suspend_timeout", "expected -1 to 604800", "suspend_timeout", "soon"),
                row("suspend_timeout out of range", "suspend_timeout", "up to 604800", "suspend_timeout", "-7"),
                row("older_than not a duration", "older_than", "7d, 12h, 30m", "command", "sweep", "prefix", "ci/", "older_than", "yesterday"),
                row("older_than zero", "older_than", "more than zero", "command", "sweep", "prefix", "ci/", "older_than", "0"),
                row("dry_run not a boolean", "dry_run", "expected true or false", "command", "sweep", "prefix", "ci/", "dry_run", "perhaps"),
                row("delete_on_job_end not a boolean", "delete_on_job_end", "expected true or false", "delete_on_job_end", "perhaps"));
    }

    private static Arguments row(String label, String named, String expectation, String... with) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < with.length; i += 2) {
            map.put(with[i], with[i + 1]);
        }
        return Arguments.of(label, named, expectation, map);
    }

    @ParameterizedTest(name = "action: {0}")
    @MethodSource("actionRows")
    void theActionRefusesBeforeAnyRequest(String label, String named, String expectation, Map<String, String> bad) throws Exception {
        StepResult r = runAction(bad);
        RunnerCommandParser.Command error = assertActionError(r, label, named, expectation);
        assertTrue(emu.requestLog().isEmpty(), label + ": no request may be sent, got " + describe(emu.requestLog().snapshot()));
        assertFalse(error.data().contains(API_KEY), label + ": the error shows the API key");
        assertFalse(error.data().contains("secret"), label + ": the error shows the credentials of api_host");
    }

    @ParameterizedTest(name = "action: {0}")
    @MethodSource("defaultBranchRows")
    void theActionRefusesToTouchTheDefaultBranchWithoutMutating(String label, String command, String expectation) throws Exception {
        StepResult r = runAction(Map.of("command", command, "branch", "main"));
        RunnerCommandParser.Command error = assertActionError(r, label, "branch", expectation);
        assertTrue(error.data().contains("\"main\""), error.data());
        assertNoMutatingRequest(label);
    }

    static Stream<Arguments> defaultBranchRows() {
        return Stream.of(Arguments.of("delete of the default branch", "delete", "default branch; refusing to delete it"),
                Arguments.of("reset of the default (root) branch", "reset", "only a branch created from a parent can be reset"));
    }

    private StepResult runAction(Map<String, String> bad) throws Exception {
        RunnerSimulator runner = new RunnerSimulator(tmp, RunnerSimulator.builtRuntime()).timeoutSeconds(60);
        Map<String, String> with = new LinkedHashMap<>();
        with.put("api_key", API_KEY);
        with.put("project_id", emu.projectId());
        with.put("api_host", emu.baseUrl());
        with.put("branch_name", "acc/bad-input");
        with.put("timeout", "20");
        with.putAll(bad);
        return runner.runMain(with);
    }

    private static RunnerCommandParser.Command assertActionError(StepResult r, String label, String named, String expectation) {
        RunnerCommandParser.Command error = Invariants.assertOneErrorLine(r, s -> s.replace(API_KEY, "***"));
        assertTrue(error.data().startsWith(named + ": "), label + ": the error must name " + named + ": " + error.data().replace(API_KEY, "***"));
        assertTrue(error.properties().getOrDefault("title", "").contains(named), label + ": title " + error.properties().get("title"));
        assertTrue(error.data().contains(expectation),
                label + ": the error must say \"" + expectation + "\": " + error.data().replace(API_KEY, "***"));
        assertTrue(r.outputs.isEmpty(), label + ": no outputs");
        assertFalse(r.log().replaceAll("::add-mask::.*", "").contains(API_KEY), label + ": the API key was shown");
        return error;
    }

    // ------------------------------------------------------------------------------------------ the core

    /** label | input named | the call; every call uses the emulator, so the request log proves nothing was sent. */
    static Stream<Arguments> coreRows() {
        Clock clock = Clock.systemUTC();
        return Stream.of(
                core("Inputs.apiKey: empty", "api_key", x -> Inputs.apiKey("api_key", "")),
                core("NeonClient.builder: blank API key", "api_key", x -> client(" \t ", emu.baseUrl())),
                core("NeonClient.builder: API key with a space", "api_key", x -> client("napi_abc def", emu.baseUrl())),
                core("NeonClient.builder: http:// off loopback", "api_host", x -> client(API_KEY, "http://neon.example.com/api/v2")),
                core("NeonClient.builder: not a URL", "api_host", x -> client(API_KEY, "neon")),
                core("Inputs.projectId: capitals and spaces", "project_id", x -> Inputs.projectId("project_id", "Foo Bar")),
                core("Inputs.projectId: 61 characters", "project_id", x -> Inputs.projectId("project_id", LONG_PROJECT)),
                core("BranchLifecycle: project id with a slash", "project_id",
                        x -> new BranchLifecycle(shared, "proj/../x", null)),
                core("Inputs.branchName: 257 characters", "branch_name", x -> Inputs.branchName("branch_name", LONG_NAME)),
                core("Inputs.branchName: empty", "branch_name", x -> Inputs.branchName("branch_name", "")),
                core("EnsureBranchRequest: empty name", "branch_name", x -> EnsureBranchRequest.builder("")),
                core("EnsureBranchRequest: blank name", "branch_name", x -> EnsureBranchRequest.builder("   ")),
                core("EnsureBranchRequest: parent LSN and timestamp", "parent_lsn",
                        x -> EnsureBranchRequest.builder("acc/x").parentLsn("0/1A2B").parentTimestamp(Instant.now()).build()),
                core("EnsureBranchRequest: min CU above max CU", "autoscaling_limit_min_cu",
                        x -> EnsureBranchRequest.builder("acc/x").autoscalingLimits(2.0, 1.0).build()),
                core("Inputs.expiresAt: malformed", "expires_at", x -> Inputs.expiresAt("expires_at", "tomorrow", clock)),
                core("Inputs.expiresAt: in the past", "expires_at", x -> Inputs.expiresAt("expires_at", "2020-01-01T00:00:00Z", clock)),
                core("Inputs.expiresAt: beyond 30 days", "expires_at",
                        x -> Inputs.expiresAt("expires_at", Instant.now().plus(Duration.ofDays(31)).toString(), clock)),
                core("Inputs.timeout: negative", "timeout", x -> Inputs.timeout("timeout", "-1")),
                core("Inputs.timeout: absurd", "timeout", x -> Inputs.timeout("timeout", "99999999999")),
                core("Inputs.apiUrl: http:// off loopback", "api_host", x -> Inputs.apiUrl("api_host", "http://10.0.0.1/api/v2")),
                core("SweepRequest: empty prefix", "prefix", x -> new SweepRequest("", Duration.ofDays(1), false)),
                core("SweepRequest: blank prefix", "prefix", x -> new SweepRequest("  ", Duration.ofDays(1), false)),
                core("SweepRequest: negative age", "older_than", x -> new SweepRequest("ci-", Duration.ofDays(-1), false)),
                core("SslMode.parse: unknown", "ssl", x -> SslMode.parse("ssl", "sometimes")),
                core("Inputs.suspendTimeoutSeconds: text", "suspend_timeout", x -> Inputs.suspendTimeoutSeconds("suspend_timeout", "soon")),
                core("Inputs.duration: not a duration", "older_than", x -> Inputs.duration("older_than", "yesterday")),
                core("Inputs.duration: zero", "older_than", x -> Inputs.duration("older_than", "0s")),
                core("Inputs.bool: not a boolean", "dry_run", x -> Inputs.bool("dry_run", "perhaps", false)),
                core("Inputs.computeUnits: absurd", "autoscaling_limit_max_cu", x -> Inputs.computeUnits("autoscaling_limit_max_cu", "1000")),
                core("BranchLifecycle.ensureBranch: 257-character name", "branch_name",
                        x -> lifecycle().ensureBranch(EnsureBranchRequest.builder(LONG_NAME).build(), Deadline.after(Duration.ofSeconds(5)))),
                core("BranchLifecycle.ensureBranch: expires_at in the past", "expires_at",
                        x -> lifecycle().ensureBranch(EnsureBranchRequest.builder("acc/past").expiresAt(Instant.parse("2020-01-01T00:00:00Z")).build(),
                                Deadline.after(Duration.ofSeconds(5)))),
                core("BranchLifecycle.ensureBranch: expires_at beyond 30 days", "expires_at",
                        x -> lifecycle().ensureBranch(EnsureBranchRequest.builder("acc/far").expiresAt(Instant.now().plus(Duration.ofDays(31))).build(),
                                Deadline.after(Duration.ofSeconds(5)))),
                core("BranchLifecycle.deleteBranch: empty", "branch",
                        x -> lifecycle().deleteBranch("", Deadline.after(Duration.ofSeconds(5)))),
                core("BranchLifecycle.resetToParent: blank", "branch",
                        x -> lifecycle().resetToParent(" ", null, Deadline.after(Duration.ofSeconds(5)))));
    }

    private static Arguments core(String label, String named, Consumer<Void> call) {
        return Arguments.of(label, named, call);
    }

    private static NeonClient client(String key, String url) {
        return NeonClient.builder().apiKey(key).baseUrl(url).build();
    }

    private static BranchLifecycle lifecycle() {
        return new BranchLifecycle(shared, emu.projectId(), null);
    }

    @ParameterizedTest(name = "core: {0}")
    @MethodSource("coreRows")
    void theCoreRefusesBeforeAnyRequest(String label, String named, Consumer<Void> call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> call.accept(null), label);
        assertCoreError(e, label, named);
        assertTrue(emu.requestLog().isEmpty(), label + ": no request may be sent, got " + describe(emu.requestLog().snapshot()));
    }

    /** Programmer-facing durations: not user input, but still one line naming the parameter. */
    @ParameterizedTest(name = "core: {0}")
    @MethodSource("durationRows")
    void negativeDurationsAreRefusedNamingTheParameter(String label, String named, Consumer<Void> call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(null), label);
        Invariants.assertOneLine(e);
        assertTrue(e.getMessage().contains(named), label + ": " + e.getMessage());
    }

    static Stream<Arguments> durationRows() {
        return Stream.of(
                core("NeonClient.builder: negative read timeout", "readTimeout", x -> NeonClient.builder().readTimeout(Duration.ofSeconds(-1))),
                core("NeonClient.builder: negative connect timeout", "connectTimeout", x -> NeonClient.builder().connectTimeout(Duration.ofSeconds(-1))),
                core("Deadline.after: negative", "timeout", x -> Deadline.after(Duration.ofSeconds(-1))));
    }

    @ParameterizedTest(name = "core: {0}")
    @MethodSource("defaultBranchRows")
    void theCoreRefusesToTouchTheDefaultBranchWithoutMutating(String label, String command) {
        BranchLifecycle lifecycle = lifecycle();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            if (command.equals("delete")) {
                lifecycle.deleteBranch("main", Deadline.after(Duration.ofSeconds(5)));
            } else {
                lifecycle.resetToParent("main", null, Deadline.after(Duration.ofSeconds(5)));
            }
        });
        assertCoreError(e, label, "branch");
        assertTrue(e.getMessage().contains("main"), e.getMessage());
        assertNoMutatingRequest(label);
    }

    private static void assertCoreError(InvalidInputException e, String label, String named) {
        Invariants.assertOneLine(e);
        assertEquals(named, e.input(), label + ": " + e.getMessage().replace(API_KEY, "***"));
        assertTrue(e.getMessage().startsWith(named + ": "), label + ": " + e.getMessage().replace(API_KEY, "***"));
        assertFalse(e.getMessage().contains(API_KEY) || e.toString().contains(API_KEY), label + ": the error shows the API key");
        assertFalse(e.getMessage().contains("napi_abc"), label + ": the error shows the (malformed) API key");
    }

    private static void assertNoMutatingRequest(String label) {
        List<RecordedRequest> mutating = emu.requestLog().stream().filter(r -> !r.method().equals("GET")).collect(Collectors.toList());
        assertTrue(mutating.isEmpty(), label + ": mutating requests sent: " + describe(mutating));
        assertTrue(emu.branches(emu.projectId()).stream().anyMatch(b -> b.isDefault() && !b.deleted()), "main still exists");
    }

    private static String describe(List<RecordedRequest> requests) {
        return requests.stream().map(RecordedRequest::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
