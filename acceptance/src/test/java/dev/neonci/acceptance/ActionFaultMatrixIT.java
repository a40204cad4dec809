package dev.neonci.acceptance;

import dev.neonci.action.testing.RunnerCommandParser;
import dev.neonci.action.testing.RunnerSimulator;
import dev.neonci.action.testing.RunnerSimulator.StepResult;
import dev.neonci.emulator.EmulatedBranch;
import dev.neonci.emulator.Fault;
import dev.neonci.emulator.NeonEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault matrix through the built action, run as the GitHub runner runs it: the main step creates the
 * branch with {@code delete_on_job_end: true}, the post step (at job end) deletes it.
 */
class ActionFaultMatrixIT {

    private static final Duration OPERATION = Duration.ofMillis(100);

    @TempDir
    Path tmp;

    private final String apiKey = "napi_acc_" + UUID.randomUUID().toString().replace("-", "");
    private final Evidence evidence = new Evidence(apiKey);
    private NeonEmulator emu;
    private RunnerSimulator runner;

    @BeforeEach
    void start() throws Exception {
        emu = NeonEmulator.builder().apiKey(apiKey).operationDuration(OPERATION).start();
        evidence.learnDefaultPassword(emu);
        runner = new RunnerSimulator(tmp, RunnerSimulator.builtRuntime()).timeoutSeconds(60);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultCase.class)
    void mainStepThenPostStep(FaultCase fault) throws Exception {
        String name = fault.branchName(UUID.randomUUID().toString().substring(0, 8));
        FaultCase.Outcome createOutcome = fault.create;
        String timeout = "30";
        if (fault == FaultCase.OPERATION_STUCK) {
            timeout = "3";
        }
        Map<String, String> with = new LinkedHashMap<>();
        with.put("api_key", apiKey);
        with.put("project_id", emu.projectId());
        with.put("api_host", emu.baseUrl());
        with.put("branch_name", name);
        with.put("delete_on_job_end", "true");
        with.put("timeout", timeout);

        // ------------------------------------------------------------------ main step (create)
        if (fault == FaultCase.READ_TIMEOUT_AFTER_CREATE) {
            // The action has no read-timeout input: its 30 s read timeout is clipped to the command's
            // timeout. The branch is created, the answer comes after the whole budget: the step fails, and
            // the post step deletes the branch by the name saved before the request.
            with.put("timeout", "4");
            emu.faults().next("POST", "/branches$", 1, Fault.delayAfterHandling(Duration.ofSeconds(6)));
            createOutcome = FaultCase.Outcome.FAILS;
        } else {
            fault.beforeCreate.accept(emu);
        }
        int armed = emu.faults().remaining();
        StepResult main = runner.runMain(with);
        evidence.add("main", main);
        if (createOutcome == FaultCase.Outcome.OK) {
            Invariants.assertSucceeded(main, evidence::mask);
            assertEquals("true", main.outputs.get("created"), "created output");
            assertEquals(name, main.outputs.get("branch_name"));
            EmulatedBranch b = live(name);
            assertEquals(b.id(), main.outputs.get("branch_id"));
            assertEquals("ready", b.state(), "the step ends only once the branch is ready");
        } else {
            RunnerCommandParser.Command error = Invariants.assertOneErrorLine(main, evidence::mask);
            report(fault, "main", error);
            assertMainErrorNamesTheCause(fault, error);
        }
        if (armed > 0 && fault != FaultCase.UNAUTHORIZED_PART_WAY && fault != FaultCase.READ_TIMEOUT_AFTER_CREATE) {
            assertEquals(0, emu.faults().remaining(), "not every armed fault was met");
        }
        if (fault == FaultCase.LOCKED) {
            assertTrue(emu.requestLog().stream().anyMatch(r -> r.status() == 423), "no 423 was answered");
        }
        assertEquals(name, main.state.get("branch_name"), "the branch name is saved for the post step");

        // ------------------------------------------------------------------ post step (delete at job end)
        emu.faults().clear();
        evidence.harvestPasswords(emu);
        emu.requestLog().clear();
        fault.beforeDelete.accept(emu);
        armed = emu.faults().remaining();
        StepResult post = runner.runPost(with, main.state);
        evidence.add("post", post);
        if (fault.delete == FaultCase.Outcome.OK) {
            Invariants.assertSucceeded(post, evidence::mask);
            assertTrue(post.stdout.stream().anyMatch(l -> l.contains("deleted at job end")),
                    () -> "post step log:\n" + evidence.mask(post.log()));
        } else {
            RunnerCommandParser.Command error = Invariants.assertOneErrorLine(post, evidence::mask);
            report(fault, "post", error);
            if (fault == FaultCase.UNAUTHORIZED_PART_WAY) {
                assertEquals("Neon rejected the API key", error.properties().get("title"));
            }
        }
        if (armed > 0 && fault != FaultCase.UNAUTHORIZED_PART_WAY) {
            assertEquals(0, emu.faults().remaining(), "not every armed fault was met in the post step");
        }
        if (fault == FaultCase.LOCKED) {
            assertTrue(emu.requestLog().stream().anyMatch(r -> r.status() == 423), "no 423 was answered to the delete");
        }

        Invariants.check(emu, evidence, fault.keepsBranch ? Set.of(name) : Set.of());

        if (fault == FaultCase.UNAUTHORIZED_PART_WAY) {
            // Kept only while the key is refused: a re-run of the job end with a valid key removes it.
            emu.faults().clear();
            StepResult again = runner.runPost(with, main.state);
            evidence.add("post again", again);
            Invariants.assertSucceeded(again, evidence::mask);
            Invariants.check(emu, evidence, Set.of());
        }
    }

    /** What the user saw, masked, for docs/guarantees.md (failsafe keeps it in *-output.txt). */
    private void report(FaultCase fault, String step, RunnerCommandParser.Command error) {
        System.out.println("[" + fault.name() + "] " + step + ": ::error title=" + error.properties().get("title")
                + "::" + evidence.mask(error.data()));
    }

    private static void assertMainErrorNamesTheCause(FaultCase fault, RunnerCommandParser.Command error) {
        String title = error.properties().get("title");
        String m = error.data();
        switch (fault) {
            case OPERATION_FAILS:
                assertEquals("Neon operation failed", title);
                assertTrue(m.contains("create_branch") && m.contains("timeline creation failed"), m);
                break;
            case OPERATION_STUCK:
            case READ_TIMEOUT_AFTER_CREATE:
                assertEquals("Timed out", title);
                assertTrue(m.contains("timeout input"), "the error says which input to raise: " + m);
                break;
            case UNAUTHORIZED_PART_WAY:
                assertEquals("Neon rejected the API key", title);
                assertTrue(m.contains("401"), m);
                break;
            case MALFORMED_JSON_ON_POLL_REPEATED:
                assertEquals("Unexpected answer from Neon", title);
                assertTrue(m.contains("JSON"), m);
                break;
            default:
                break;
        }
    }

    private EmulatedBranch live(String name) {
        return emu.branches(emu.projectId()).stream().filter(b -> b.name().equals(name) && !b.deleted())
                .findFirst().orElseThrow(() -> new AssertionError("branch " + name + " does not exist"));
    }
}
