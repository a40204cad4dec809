package dev.neonci.action.contract;

import dev.neonci.action.testing.ActionManifest;
import dev.neonci.action.testing.RunnerCommandParser;
import dev.neonci.action.testing.RunnerSimulator;
import dev.neonci.action.testing.RunnerSimulator.StepResult;
import dev.neonci.emulator.EmulatedBranch;
import dev.neonci.emulator.NeonEmulator;
import dev.neonci.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.neonci.action.contract.ContractAssertions.assertApiKeyNeverShown;
import static dev.neonci.action.contract.ContractAssertions.assertMaskedBeforeAnyUse;
import static dev.neonci.action.contract.ContractAssertions.masked;
import static dev.neonci.action.contract.ContractAssertions.singleError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built action (jlinked runtime + shaded jar + post launcher, exactly as in the image) run as the
 * runner runs it, against the Neon emulator.
 */
class ActionContractIT {

    private static final Duration OPERATION = Duration.ofMillis(200);

    @TempDir
    Path tmp;

    private final String apiKey = "napi_test_" + UUID.randomUUID().toString().replace("-", "");
    private NeonEmulator emu;
    private RunnerSimulator runner;
    private ActionManifest manifest;

    @BeforeEach
    void start() throws Exception {
        emu = NeonEmulator.builder().apiKey(apiKey).operationDuration(OPERATION).start();
        runner = new RunnerSimulator(tmp, RunnerSimulator.builtRuntime());
        manifest = ActionManifest.load();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private Map<String, String> with(String... pairs) {
        Map<String, String> with = new LinkedHashMap<>();
        with.put("api_key", apiKey);
        with.put("project_id", emu.projectId());
        with.put("api_host", emu.baseUrl());
        for (int i = 0; i < pairs.length; i += 2) {
            with.put(pairs[i], pairs[i + 1]);
        }
        return with;
    }

    private Optional<EmulatedBranch> branch(String name) {
        return emu.branches(emu.projectId()).stream().filter(b -> b.name().equals(name) && !b.deleted()).findFirst();
    }

    /** The step's log for a failure message, with the API key and every secret output masked. */
    private String log(StepResult r) {
        List<String> secrets = new java.util.ArrayList<>(List.of(apiKey));
        for (String name : List.of("password", "db_url", "db_url_pooled")) {
            if (r.outputs.containsKey(name)) {
                secrets.add(r.outputs.get(name));
            }
        }
        return masked(r, secrets);
    }

    private static List<String> secrets(StepResult r) {
        return List.of(r.outputs.get("password"), r.outputs.get("db_url"), r.outputs.get("db_url_pooled"));
    }

    private void assertSuccess(StepResult r) {
        List<String> secrets = r.outputs.containsKey("password") ? secrets(r) : List.of();
        assertEquals(0, r.exitCode, () -> "exit code; log:\n" + log(r));
        assertApiKeyNeverShown(r, apiKey);
        if (!secrets.isEmpty()) {
            assertMaskedBeforeAnyUse(r, secrets);
        }
        assertTrue(r.commands("error").isEmpty(), "no ::error on success");
        for (String name : r.outputs.keySet()) {
            assertTrue(manifest.outputs.contains(name), "output " + name + " is not declared in action.yml");
        }
    }

    private static void assertConnectionOutputs(StepResult r) {
        for (String name : List.of("db_url", "db_url_pooled", "db_host", "db_host_pooled", "password", "branch_id",
                "branch_name", "created", "expires_at")) {
            assertTrue(r.outputs.containsKey(name), "output " + name + " missing; outputs: " + r.outputs.keySet());
        }
        String host = r.outputs.get("db_host");
        String pooled = r.outputs.get("db_host_pooled");
        assertFalse(host.isEmpty(), "db_host");
        assertFalse(pooled.isEmpty(), "db_host_pooled");
        assertNotEquals(host, pooled);
        assertTrue(r.outputs.get("db_url").startsWith("postgresql://") || r.outputs.get("db_url").startsWith("postgres://"), "db_url scheme");
        assertTrue(r.outputs.get("db_url").contains(host), "db_url points at db_host");
        assertTrue(r.outputs.get("db_url_pooled").contains(pooled), "db_url_pooled points at the pooler");
        assertTrue(r.outputs.get("db_url").contains("sslmode=require"), "default ssl=require");
        assertTrue(r.outputs.get("branch_id").startsWith("br-"), "branch_id");
    }

    // ------------------------------------------------------------------------------------------ create

    @Test
    void createsABranchWaitsUntilReadyAndThePostStepDeletesIt() throws Exception {
        Map<String, String> with = with("branch_name", "ci/contract-new", "delete_on_job_end", "true");
        StepResult main = runner.runMain(with);

        assertSuccess(main);
        assertConnectionOutputs(main);
        assertEquals("true", main.outputs.get("created"));
        assertEquals("ci/contract-new", main.outputs.get("branch_name"));
        assertEquals("", main.outputs.get("expires_at"));
        EmulatedBranch b = branch("ci/contract-new").orElseThrow();
        assertEquals("ready", b.state(), "the action returns only when the branch is ready");
        assertEquals(b.id(), main.outputs.get("branch_id"));

        // Step summary: branch, created or reused, host, time to ready; no secret.
        assertTrue(main.summary.contains("ci/contract-new"), main.summary);
        assertTrue(main.summary.contains("Created or reused | created"), main.summary);
        assertTrue(main.summary.contains(main.outputs.get("db_host")), main.summary);
        assertTrue(main.summary.matches("(?s).*Time to ready \\| \\d+\\.\\d s.*"), main.summary);
        // Progress is grouped in the log.
        assertEquals(1, main.commands("group").size());
        assertEquals(1, main.commands("endgroup").size());

        // State for the post step.
        assertEquals("true", main.state.get("delete_on_job_end"));
        assertEquals(b.id(), main.state.get("branch_id"));
        assertEquals("ci/contract-new", main.state.get("branch_name"));
        assertEquals(emu.projectId(), main.state.get("project_id"));

        StepResult post = runner.runPost(with, main.state);
        assertSuccess(post);
        assertTrue(branch("ci/contract-new").isEmpty(), "post step deleted the branch");
        assertTrue(emu.requestLog().stream().anyMatch(req -> req.method().equals("DELETE")
                && req.path().endsWith("/branches/" + b.id())), "DELETE request for the branch id");
        assertTrue(post.stdout.stream().anyMatch(l -> l.contains("deleted at job end")), log(post));

        // Idempotent: a second post run (e.g. a retried job end) finds nothing to delete and succeeds.
        StepResult again = runner.runPost(with, main.state);
        assertSuccess(again);
        assertTrue(again.stdout.stream().anyMatch(l -> l.contains("already gone")), log(again));
    }

    @Test
    void thePostStepDeletesTheBranchEvenWhenTheMainStepFailedHalfWay() throws Exception {
        // The branch gets created, then its compute fails to start: main fails, but it had saved the
        // branch name before sending anything, so the job-end cleanup still finds and deletes it.
        emu.operations().failNext("start_compute");
        Map<String, String> with = with("branch_name", "ci/half-way", "delete_on_job_end", "true");
        StepResult main = runner.runMain(with);
        assertEquals(1, main.exitCode, log(main));
        singleError(main);
        assertTrue(branch("ci/half-way").isPresent(), "the branch exists after the failed main step");
        assertEquals("ci/half-way", main.state.get("branch_name"));
        assertFalse(main.state.containsKey("branch_id"));

        StepResult post = runner.runPost(with, main.state);
        assertSuccess(post);
        assertTrue(branch("ci/half-way").isEmpty(), "post step deleted it by name");
    }

    @Test
    void withoutDeleteOnJobEndThePostStepLeavesTheBranch() throws Exception {
        Map<String, String> with = with("branch_name", "preview/keep");
        StepResult main = runner.runMain(with);
        assertSuccess(main);
        assertFalse(main.state.containsKey("delete_on_job_end"));
        StepResult post = runner.runPost(with, main.state);
        assertSuccess(post);
        assertTrue(branch("preview/keep").isPresent(), "the branch must survive the job");
    }

    @Test
    void reusesAnExistingBranchAndStillMasksItsSecrets() throws Exception {
        Map<String, String> with = with("branch_name", "preview/pr-7");
        StepResult first = runner.runMain(with);
        assertSuccess(first);
        assertEquals("true", first.outputs.get("created"));

        emu.requestLog().clear();
        StepResult second = runner.runMain(with);
        assertSuccess(second);
        assertConnectionOutputs(second);
        assertEquals("false", second.outputs.get("created"));
        assertEquals(first.outputs.get("branch_id"), second.outputs.get("branch_id"));
        assertTrue(second.summary.contains("reused"), second.summary);
        assertTrue(emu.requestLog().matching("POST", ".*/branches$").isEmpty(), "no second create request");
        assertEquals(1, emu.branches(emu.projectId()).stream().filter(x -> x.name().equals("preview/pr-7") && !x.deleted()).count());
    }

    @Test
    void derivesTheBranchNameFromThePullRequestAndReadsHyphenatedInputs() throws Exception {
        runner.github("GITHUB_REF", "refs/pull/42/merge").github("GITHUB_EVENT_NAME", "pull_request");
        Instant expires = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        // `expires-at` and `branch-type` arrive as INPUT_EXPIRES-AT / INPUT_BRANCH-TYPE, next to
        // action.yml's defaults under the underscore names.
        StepResult r = runner.runMain(with("expires-at", expires.toString(), "branch-type", "schema-only"));
        assertSuccess(r);
        assertEquals("ci/pr-42", r.outputs.get("branch_name"));
        assertEquals(expires.toString(), r.outputs.get("expires_at"));
        RecordedRequest create = emu.requestLog().matching("POST", ".*/branches$").get(0);
        assertTrue(create.body().contains("schema-only"), "init_source schema-only was sent");
        assertTrue(create.body().contains(expires.toString()), "expires_at was sent");
    }

    @Test
    void perJobBranchNameOnAPullRequestWhenDeletedAtJobEnd() throws Exception {
        runner.github("GITHUB_REF", "refs/pull/42/merge").github("GITHUB_EVENT_NAME", "pull_request")
                .github("GITHUB_JOB", "integration").github("GITHUB_RUN_ID", "555").github("GITHUB_RUN_ATTEMPT", "2");
        StepResult r = runner.runMain(with("delete_on_job_end", "true"));
        assertSuccess(r);
        assertEquals("ci/integration/555-2", r.outputs.get("branch_name"));
    }

    // ------------------------------------------------------------------------------------------ delete, reset

    @Test
    void deletesAnExistingBranchByNameAndAnUnknownOneIsNotAFailure() throws Exception {
        StepResult created = runner.runMain(with("branch_name", "ci/to-delete"));
        assertSuccess(created);

        StepResult deleted = runner.runMain(with("command", "delete", "branch", "ci/to-delete"));
        assertSuccess(deleted);
        assertEquals("true", deleted.outputs.get("deleted"));
        assertEquals(created.outputs.get("branch_id"), deleted.outputs.get("branch_id"));
        assertTrue(branch("ci/to-delete").isEmpty());
        assertTrue(deleted.summary.contains("deleted"), deleted.summary);

        StepResult unknown = runner.runMain(with("command", "delete", "branch", "ci/never-existed"));
        assertSuccess(unknown);
        assertEquals("false", unknown.outputs.get("deleted"));
        assertTrue(unknown.summary.contains("did not exist"), unknown.summary);
    }

    @Test
    void resetWaitsUntilReadyAndReturnsTheCreateOutputs() throws Exception {
        StepResult created = runner.runMain(with("branch_name", "ci/to-reset"));
        assertSuccess(created);

        emu.requestLog().clear();
        StepResult reset = runner.runMain(with("command", "reset", "branch", "ci/to-reset"));
        assertSuccess(reset);
        assertConnectionOutputs(reset);
        assertEquals(created.outputs.get("branch_id"), reset.outputs.get("branch_id"));
        assertEquals("false", reset.outputs.get("created"));
        assertFalse(emu.requestLog().matching("POST", ".*/branches/[^/]+/restore$").isEmpty(), "restore request sent");
        assertEquals("ready", branch("ci/to-reset").orElseThrow().state());
        assertTrue(reset.summary.contains("reset"), reset.summary);
    }

    // ------------------------------------------------------------------------------------------ sweep

    @Test
    void sweepDryRunListsAndDeletesNothingThenSweepDeletes() throws Exception {
        for (String name : List.of("sweep/a", "sweep/b", "keep/c")) {
            assertSuccess(runner.runMain(with("branch_name", name)));
        }
        Thread.sleep(1200);

        StepResult dry = runner.runMain(with("command", "sweep", "prefix", "sweep/", "older_than", "1s", "dry_run", "true"));
        assertSuccess(dry);
        assertEquals("2", dry.outputs.get("count"));
        assertTrue(dry.outputs.get("names").contains("\"sweep/a\"") && dry.outputs.get("names").contains("\"sweep/b\""), dry.outputs.get("names"));
        assertTrue(branch("sweep/a").isPresent() && branch("sweep/b").isPresent(), "dry run deletes nothing");
        assertTrue(emu.requestLog().matching("DELETE", ".*").isEmpty(), "no DELETE request in a dry run");
        assertTrue(dry.summary.contains("Dry run"), dry.summary);

        StepResult real = runner.runMain(with("command", "sweep", "prefix", "sweep/", "older_than", "1s"));
        assertSuccess(real);
        assertEquals("2", real.outputs.get("count"));
        assertTrue(branch("sweep/a").isEmpty() && branch("sweep/b").isEmpty());
        assertTrue(branch("keep/c").isPresent(), "other prefixes are kept");
    }

    // ------------------------------------------------------------------------------------------ Neon trouble

    @Test
    void aLockedProjectIsWaitedOutAndTheBranchIsCreated() throws Exception {
        emu.operations().lockProjectFor(Duration.ofMillis(1500));
        StepResult r = runner.runMain(with("branch_name", "ci/locked"));
        assertSuccess(r);
        assertEquals("true", r.outputs.get("created"));
        assertTrue(emu.requestLog().stream().anyMatch(req -> req.status() == 423), "Neon answered 423 at least once");
        assertTrue(branch("ci/locked").isPresent());
    }

    @Test
    void aFailedOperationFailsTheStepWithOneLine() throws Exception {
        emu.operations().failNext("create_branch");
        StepResult r = runner.runMain(with("branch_name", "ci/fails"));
        assertEquals(1, r.exitCode, log(r));
        assertApiKeyNeverShown(r, apiKey);
        RunnerCommandParser.Command error = singleError(r);
        assertTrue(error.data().contains("create_branch"), error.data());
        assertTrue(error.data().contains("failed"), error.data());
        assertFalse(r.outputs.containsKey("password"), "no outputs after a failure");
    }

    @Test
    void aCommandThatOutlivesTheTimeoutFailsInTime() throws Exception {
        emu.operations().stickNext(null);
        long start = System.nanoTime();
        StepResult r = runner.runMain(with("branch_name", "ci/stuck", "timeout", "3"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(1, r.exitCode, log(r));
        RunnerCommandParser.Command error = singleError(r);
        assertEquals("Timed out", error.properties().get("title"));
        assertTrue(error.data().contains("timeout input"), error.data());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "ended after " + took);
        assertApiKeyNeverShown(r, apiKey);
    }

    @Test
    void aRejectedApiKeyIsReportedWithoutShowingIt() throws Exception {
        String wrong = "napi_wrong_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> with = with("branch_name", "ci/x");
        with.put("api_key", wrong);
        StepResult r = runner.runMain(with);
        assertEquals(1, r.exitCode);
        assertApiKeyNeverShown(r, wrong);
        assertEquals("Neon rejected the API key", singleError(r).properties().get("title"));
    }

    // ------------------------------------------------------------------------------------------ bad input

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing project_id      | project_id   | project_id   | ''",
            "malformed expires_at    | expires_at   | expires_at   | next tuesday",
            "expires_at without zone | expires_at   | expires_at   | 2030-01-01T00:00:00",
            "unknown command         | command      | command      | destroy",
            "negative timeout        | timeout      | timeout      | -5",
            "bad project id          | project_id   | project_id   | Not A Project",
            "bad ssl                 | ssl          | ssl          | sometimes",
            "bad branch_type         | branch_type  | branch_type  | full",
            "http api_host           | api_host     | api_host     | http://neon.example.com/api/v2",
            "bad boolean             | delete_on_job_end | delete_on_job_end | perhaps",
            "suspend_timeout text    | suspend_timeout | suspend_timeout | soon",
    })
    void badInputFailsBeforeAnyRequestNamingTheInput(String label, String input, String named, String value) throws Exception {
        Map<String, String> with = with("branch_name", "ci/never");
        with.put(input, value);
        StepResult r = runner.runMain(with);
        assertEquals(1, r.exitCode, label);
        RunnerCommandParser.Command error = singleError(r);
        assertTrue(error.data().startsWith(named + ": "), label + ": " + error.data());
        assertTrue(error.properties().get("title").contains(named), label + ": title " + error.properties().get("title"));
        assertTrue(emu.requestLog().isEmpty(), label + ": no request may be sent, got " + emu.requestLog().size());
        assertTrue(r.outputs.isEmpty(), label + ": no outputs");
        assertApiKeyNeverShown(r, apiKey);
    }

    @Test
    void deleteWithoutABranchFailsBeforeAnyRequest() throws Exception {
        StepResult r = runner.runMain(with("command", "delete"));
        assertEquals(1, r.exitCode);
        assertTrue(singleError(r).data().startsWith("branch: "));
        assertTrue(emu.requestLog().isEmpty());
    }

    @Test
    void sweepWithoutAPrefixFailsBeforeAnyRequest() throws Exception {
        StepResult r = runner.runMain(with("command", "sweep"));
        assertEquals(1, r.exitCode);
        assertTrue(singleError(r).data().startsWith("prefix: "));
        assertTrue(emu.requestLog().isEmpty());
    }

    @Test
    void missingApiKeyFailsNamingIt() throws Exception {
        Map<String, String> with = with("branch_name", "ci/x");
        with.remove("api_key");
        StepResult r = runner.runMain(with);
        assertEquals(1, r.exitCode);
        assertTrue(singleError(r).data().startsWith("api_key: "));
        assertTrue(emu.requestLog().isEmpty());
    }
}
