package dev.neonci.action;

import dev.neonci.action.testing.RunnerCommandParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In-process checks of what needs no Neon: default names, output encoding helpers, the post step's no-ops. */
class ActionRunnerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ActionRunner runner(Map<String, String> env) {
        return new ActionRunner(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC());
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void defaultBranchNames() {
        Map<String, String> pr = Map.of("GITHUB_REF", "refs/pull/42/merge", "GITHUB_JOB", "Integration Tests",
                "GITHUB_RUN_ID", "555", "GITHUB_RUN_ATTEMPT", "2");
        assertEquals("ci/pr-42", runner(pr).defaultBranchName(false));
        assertEquals("ci/integration-tests/555-2", runner(pr).defaultBranchName(true));
        Map<String, String> push = Map.of("GITHUB_REF", "refs/heads/main", "GITHUB_RUN_ID", "555");
        assertEquals("ci/555-1", runner(push).defaultBranchName(false));
        Map<String, String> prefixed = new HashMap<>(pr);
        prefixed.put("INPUT_PREFIX", "preview/");
        assertEquals("preview/pr-42", runner(prefixed).defaultBranchName(false));
    }

    @Test
    void actionYmlDescribesTheDerivedNamesAsTheyAre() throws Exception {
        String yml = java.nio.file.Files.readString(dev.neonci.action.testing.ActionManifest.repoRoot().resolve("action.yml"));
        Map<String, String> push = Map.of("GITHUB_JOB", "test", "GITHUB_RUN_ID", "555", "GITHUB_RUN_ATTEMPT", "2");
        assertEquals("ci/test/555-2", runner(push).defaultBranchName(true));
        assertTrue(yml.contains("<prefix>/pr-<number> on pull requests, else <prefix>/<job>/<run id>-<attempt>"),
                "action.yml's branch_name description must match defaultBranchName");
    }

    @Test
    void noContextNoNameFailsNamingBranchName() {
        dev.neonci.core.client.InvalidInputException e = assertThrows(dev.neonci.core.client.InvalidInputException.class,
                () -> runner(Map.of()).defaultBranchName(false));
        assertEquals("branch_name", e.input());
    }

    @Test
    void postStepWithoutStateDoesNothingAndSucceeds() {
        assertEquals(0, runner(Map.of("INPUT_API_KEY", "k")).runPost());
        assertEquals("::add-mask::k", lines().get(0));
        assertTrue(lines().get(1).contains("nothing to clean up"), lines().toString());
    }

    @Test
    void postStepWithStateButNoBranchDoesNothing() {
        assertEquals(0, runner(Map.of("STATE_delete_on_job_end", "true")).runPost());
        assertTrue(lines().get(0).contains("No branch was recorded"), lines().toString());
    }

    @Test
    void unknownCommandIsOneErrorLineAndExitOne() {
        assertEquals(1, runner(Map.of("INPUT_COMMAND", "Destroy\nnow")).runMain());
        RunnerCommandParser.Command error = RunnerCommandParser.parse(lines().get(lines().size() - 1));
        assertEquals("error", error.name());
        assertEquals("Invalid input: command", error.properties().get("title"));
        assertTrue(error.data().startsWith("command: \"Destroy?now\" is not a command"), error.data());
        assertEquals(1, lines().size(), "no API key given, so nothing to mask; only the error line");
    }

    @Test
    void aBugIsOneErrorLineWithoutJavaNamesOrTrace() {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        ActionRunner r = new ActionRunner(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), Clock.systemUTC());
        assertEquals(1, r.guarded(() -> {
            throw new IllegalStateException("java.lang.NullPointerException: Cannot invoke \"String.length()\"\nbecause x is null");
        }));
        assertEquals(1, lines().size(), lines().toString());
        RunnerCommandParser.Command error = RunnerCommandParser.parse(lines().get(0));
        assertEquals("error", error.name());
        assertEquals("Unexpected error in neon-ci", error.properties().get("title"));
        assertFalse(error.data().contains("\n"), error.data());
        assertFalse(error.data().contains("Exception"), error.data());
        assertTrue(error.data().contains("Cannot invoke \"String.length()\" because x is null"), error.data());
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8), "no stack trace unless debug logging is on");
    }

    @Test
    void aBugShowsItsTraceOnlyWithDebugLogging() {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        ActionRunner r = new ActionRunner(Map.of("RUNNER_DEBUG", "1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), Clock.systemUTC());
        assertEquals(1, r.guarded(() -> {
            throw new NullPointerException();
        }));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("\tat "), "trace on request");
    }

    @Test
    void aMalformedAnswerFromNeonIsOneErrorLineAndNoSecretOrJavaName() throws Exception {
        String key = "napi_unit_" + java.util.UUID.randomUUID().toString().replace("-", "");
        try (dev.neonci.emulator.NeonEmulator emu = dev.neonci.emulator.NeonEmulator.builder().apiKey(key)
                .operationDuration(java.time.Duration.ZERO).start()) {
            // Three times: a GET is asked three times in all before the step gives up.
            emu.faults().next("GET", "/reveal_password$", 3, dev.neonci.emulator.Fault.malformedJson());
            Path output = java.nio.file.Files.createFile(dir.resolve("output"));
            Map<String, String> env = Map.of("INPUT_API_KEY", key, "INPUT_PROJECT_ID", emu.projectId(),
                    "INPUT_API_HOST", emu.baseUrl(), "INPUT_BRANCH_NAME", "ci/malformed", "INPUT_TIMEOUT", "30",
                    "GITHUB_OUTPUT", output.toString());
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            ActionRunner r = new ActionRunner(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8), Clock.systemUTC());
            assertEquals(1, r.runMain(), lines().toString());
            List<String> errors = lines().stream().filter(l -> l.startsWith("::error")).toList();
            assertEquals(1, errors.size(), lines().toString());
            assertTrue(errors.get(0).contains("not the documented JSON"), errors.get(0));
            assertTrue(errors.get(0).startsWith("::error title=Unexpected answer from Neon::"), "Neon was reached: " + errors.get(0));
            for (String line : lines()) {
                assertFalse(line.contains("Exception"), line);
                if (!line.startsWith("::add-mask::")) {
                    assertFalse(line.contains(key), "the key leaked");
                }
            }
            assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
            assertEquals("", java.nio.file.Files.readString(output), "no outputs for a failed step");
        }
    }

    @Test
    void theEncodedPasswordIsMaskedToo() {
        dev.neonci.core.lifecycle.BranchConnection c = dev.neonci.core.lifecycle.BranchConnection.builder()
                .branchId("br-1").branchName("ci/1").created(true).endpointId("ep-1").host("ep-1.x.neon.tech")
                .poolerHost("ep-1-pooler.x.neon.tech").role("app").database("db").password("p@ss:w/rd")
                .sslMode(dev.neonci.core.lifecycle.SslMode.REQUIRE).timeToReady(java.time.Duration.ofSeconds(1)).build();
        runner(Map.of()).maskConnection(c);
        List<String> masks = lines().stream().filter(l -> l.startsWith("::add-mask::")).map(l -> l.substring(12)).toList();
        assertEquals("p@ss:w/rd", masks.get(0), "the password first");
        assertTrue(masks.contains("p%2540ss%253Aw%252Frd"), "its percent-encoded form (as written in the URLs), command-escaped");
        assertEquals(4, masks.size(), "password, encoded password, both URLs");
    }

    @Test
    void jsonArrayOfNames() {
        assertEquals("[]", ActionRunner.jsonArray(List.of()));
        assertEquals("[\"ci/a\",\"q\\\"x\\\\y\\n\"]", ActionRunner.jsonArray(List.of("ci/a", "q\"x\\y\n")));
    }
}
