package dev.neonci.action;

import dev.neonci.action.testing.ActionManifest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container contract of a GitHub Docker action, checked on the files (no Docker engine runs here):
 * exec-form ENTRYPOINT (a shell would drop hyphenated INPUT_ variables), no USER (the runner needs root),
 * no WORKDIR (the runner mounts the workspace as the working directory), the runtime made by the same
 * script and module list the tests use, and action.yml pointing at paths the image has.
 */
class DockerfileRulesTest {

    private static final Path ROOT = ActionManifest.repoRoot();

    /** Instructions with continuation lines joined; comments dropped. */
    static List<String> instructions(Path dockerfile) throws IOException {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            if (current.length() > 0) {
                result.add(current.toString().strip());
            }
            current.setLength(0);
        }
        return result;
    }

    private static String keyword(String instruction) {
        return instruction.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    }

    private final List<String> dockerfile;

    DockerfileRulesTest() throws IOException {
        dockerfile = instructions(ROOT.resolve("Dockerfile"));
    }

    private List<String> finalStage() {
        int lastFrom = -1;
        for (int i = 0; i < dockerfile.size(); i++) {
            if (keyword(dockerfile.get(i)).equals("FROM")) {
                lastFrom = i;
            }
        }
        return dockerfile.subList(lastFrom, dockerfile.size());
    }

    @Test
    void noUserAndNoWorkdirAnywhere() {
        for (String instruction : dockerfile) {
            assertFalse(keyword(instruction).equals("USER"), "USER is not allowed: " + instruction);
            assertFalse(keyword(instruction).equals("WORKDIR"), "WORKDIR is not allowed: " + instruction);
        }
    }

    @Test
    void entrypointIsExecFormJavaJarOnTheJlinkedRuntime() {
        List<String> entrypoints = finalStage().stream().filter(i -> keyword(i).equals("ENTRYPOINT")).toList();
        assertEquals(1, entrypoints.size(), "exactly one ENTRYPOINT in the final stage");
        String args = entrypoints.get(0).substring("ENTRYPOINT".length()).strip();
        assertTrue(args.startsWith("[") && args.endsWith("]"), "ENTRYPOINT must be exec form (JSON array): " + args);
        assertEquals("[\"/opt/neon-ci/bin/java\", \"-jar\", \"/opt/neon-ci/neon-ci-action.jar\"]", args);
        assertTrue(finalStage().stream().noneMatch(i -> keyword(i).equals("CMD")), "no CMD: the runner passes args itself");
        assertTrue(finalStage().stream().noneMatch(i -> keyword(i).equals("SHELL")));
    }

    @Test
    void multiStageBuildWithTheWrapperAndTheSharedRuntimeScript() {
        List<String> froms = dockerfile.stream().filter(i -> keyword(i).equals("FROM")).toList();
        assertTrue(froms.size() >= 2, "multi-stage");
        assertTrue(froms.get(0).matches("FROM eclipse-temurin:\\d+-jdk\\S* AS build"), froms.get(0));
        String all = String.join("\n", dockerfile);
        assertTrue(all.contains("./mvnw -B"), "builds with the Maven Wrapper");
        assertTrue(all.contains("-pl action -am package"), "builds the action module");
        assertTrue(all.contains("action/build-runtime.sh /opt/neon-ci"), "runtime from the same script as the tests");
        assertTrue(all.contains("action/collect-libs.sh /rootfs /opt/neon-ci"), "libraries from the same script as ScratchRootfsIT");
        assertTrue(finalStage().get(0).equals("FROM scratch"), "final stage FROM scratch: " + finalStage().get(0));
        assertTrue(finalStage().contains("COPY --from=build /rootfs/ /"), "libraries copied into the final stage");
        assertTrue(finalStage().contains("COPY --from=build /opt/neon-ci/ /opt/neon-ci/"), "runtime copied into the final stage");
        assertTrue(finalStage().stream().noneMatch(i -> keyword(i).equals("RUN")), "nothing runs in the final stage");
    }

    @Test
    void actionYmlRunsThisImageWithAPostStepAtAPathTheImageHas() throws IOException {
        ActionManifest manifest = ActionManifest.load();
        assertEquals("docker", manifest.runs.get("using"));
        assertEquals("Dockerfile", manifest.runs.get("image"));
        // build-runtime.sh writes DEST/neon-ci-post, and the Dockerfile builds DEST=/opt/neon-ci.
        assertEquals("/opt/neon-ci/neon-ci-post", manifest.runs.get("post-entrypoint"));
        assertEquals("always()", manifest.runs.get("post-if"));
        assertFalse(manifest.runs.containsKey("args"), "no args: the entrypoints need none");
        String script = Files.readString(ROOT.resolve("action/build-runtime.sh"));
        assertTrue(script.contains("/neon-ci-post\"") && script.contains("mv \"$staging\" \"$dest\""), "build-runtime.sh creates DEST/neon-ci-post");
    }

    @Test
    void actionYmlDeclaresTheIssuesInputsAndOutputs() throws IOException {
        ActionManifest manifest = ActionManifest.load();
        for (String input : List.of("command", "api_key", "project_id", "api_host", "branch_name", "parent_branch",
                "database", "role", "ssl", "suspend_timeout", "expires_at", "branch_type", "branch", "timeout",
                "delete_on_job_end", "prefix", "older_than", "dry_run")) {
            assertTrue(manifest.inputDefaults.containsKey(input), "input " + input);
        }
        assertEquals(List.of("api_key", "project_id"), manifest.requiredInputs);
        assertEquals("https://console.neon.tech/api/v2", manifest.inputDefaults.get("api_host"));
        assertEquals("neondb", manifest.inputDefaults.get("database"));
        assertEquals("neondb_owner", manifest.inputDefaults.get("role"));
        assertEquals("require", manifest.inputDefaults.get("ssl"));
        assertEquals("create", manifest.inputDefaults.get("command"));
        for (String output : List.of("db_url", "db_url_pooled", "db_host", "db_host_pooled", "password", "branch_id",
                "created", "branch_name", "expires_at", "deleted", "count", "names")) {
            assertTrue(manifest.outputs.contains(output), "output " + output);
        }
    }

    @Test
    void dockerignoreKeepsTheContextToTheReactor() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertTrue(lines.contains("*"), "ignore everything by default");
        // Maven reads every module's POM of the reactor even with -pl, so all pom.xml files are kept.
        for (String keep : List.of("!pom.xml", "!**/pom.xml", "!mvnw", "!.mvn/", "!shared-core/", "!action/", "!emulator/")) {
            assertTrue(lines.contains(keep), keep);
        }
        assertTrue(lines.contains("**/target/"), "no local build output in the context");
    }
}
