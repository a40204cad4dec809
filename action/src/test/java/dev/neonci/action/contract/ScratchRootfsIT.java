package dev.neonci.action.contract;

import dev.neonci.action.testing.ActionManifest;
import dev.neonci.action.testing.ImageSize;
import dev.neonci.action.testing.RunnerSimulator;
import dev.neonci.action.testing.RunnerSimulator.StepResult;
import dev.neonci.emulator.NeonEmulator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.neonci.action.contract.ContractAssertions.assertApiKeyNeverShown;
import static dev.neonci.action.contract.ContractAssertions.assertMaskedBeforeAnyUse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image's final stage without Docker: a root file system made by the same two scripts the
 * Dockerfile runs (action/build-runtime.sh into /opt/neon-ci, action/collect-libs.sh for the shared
 * libraries) and nothing else — no shell, no package manager, like {@code FROM scratch}. The main and post
 * entrypoints run inside it with chroot (plus a private /proc, as Docker provides), with the runner's
 * environment and container paths. Needs root and unshare(1); skipped otherwise.
 *
 * <p>Differences from the real image, stated: the JDK is this machine's (the Dockerfile uses Temurin), and
 * the network is the host's loopback (the emulator), not a container network.
 */
class ScratchRootfsIT {


    @TempDir
    static Path tmp;

    private static Path rootfs;
    private static String unshare;
    private static String chroot;
    private static String mount;

    @BeforeAll
    static void buildRootfs() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        Assumptions.assumeTrue("0".equals(exec(List.of("id", "-u")).trim()), "needs root for chroot");
        unshare = which("unshare");
        chroot = which("chroot");
        mount = which("mount");
        Assumptions.assumeTrue(unshare != null && chroot != null && mount != null, "needs unshare, chroot and mount");
        // The same mount namespace + /proc mount the runs below need; some sandboxes refuse it.
        Path probeDir = Files.createDirectories(tmp.resolve("probe/proc"));
        Process probe = new ProcessBuilder(unshare, "-m", "--propagation", "private", "/bin/bash", "-c",
                "\"$1\" -t proc proc \"$0\"", probeDir.toString(), mount).redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "unshare -m with a /proc mount is not permitted here");

        rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Path repo = ActionManifest.repoRoot().toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("neonci.action.jar", "target/neon-ci-action.jar")).toAbsolutePath();
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        run(env, "bash", repo.resolve("action/build-runtime.sh").toString(), rootfs.resolve("opt/neon-ci").toString(), jar.toString(), "/opt/neon-ci");
        run(env, "bash", repo.resolve("action/collect-libs.sh").toString(), rootfs.toString(), rootfs.resolve("opt/neon-ci").toString());
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("github"));
    }

    @Test
    void theRootFileSystemIsAtMostFiftyMegabytesAndHasNoShell() throws IOException {
        long bytes = ImageSize.bytes(rootfs);
        System.out.println("FROM-scratch root file system: " + ImageSize.megabytes(bytes));
        assertTrue(bytes <= ImageSize.BUDGET_BYTES, "image contents are " + ImageSize.megabytes(bytes));
        assertFalse(Files.exists(rootfs.resolve("bin/sh")), "no shell in the image");
        assertTrue(Files.isDirectory(rootfs.resolve("tmp")));
        String shebang = Files.readAllLines(rootfs.resolve("opt/neon-ci/neon-ci-post"), StandardCharsets.ISO_8859_1).get(0);
        assertEquals("#!/opt/neon-ci/bin/java -jar", shebang);
    }

    @Test
    void mainAndPostEntrypointsRunInsideTheScratchRootfs() throws Exception {
        String apiKey = "napi_test_" + UUID.randomUUID().toString().replace("-", "");
        try (NeonEmulator emu = NeonEmulator.builder().apiKey(apiKey).operationDuration(Duration.ofMillis(100)).start()) {
            Path runnerTemp = Files.createTempDirectory(rootfs.resolve("github"), "run");
            String prefix = rootfs.toString();
            RunnerSimulator runner = new RunnerSimulator(runnerTemp,
                    inChroot("/opt/neon-ci/bin/java", "-jar", "/opt/neon-ci/neon-ci-action.jar"),
                    inChroot("/opt/neon-ci/neon-ci-post"))
                    .containerPaths(v -> v.startsWith(prefix + "/") ? v.substring(prefix.length()) : v);

            Map<String, String> with = new LinkedHashMap<>();
            with.put("api_key", apiKey);
            with.put("project_id", emu.projectId());
            with.put("api_host", emu.baseUrl());
            with.put("branch-name", "ci/scratch");          // hyphenated: reaches java with no shell in between
            with.put("delete_on_job_end", "true");

            StepResult main = runner.runMain(with);
            assertEquals(0, main.exitCode, () -> "main failed:\n" + main.log().replace(apiKey, "***"));
            assertApiKeyNeverShown(main, apiKey);
            assertMaskedBeforeAnyUse(main, List.of(main.outputs.get("password"), main.outputs.get("db_url"), main.outputs.get("db_url_pooled")));
            assertEquals("ci/scratch", main.outputs.get("branch_name"));
            assertEquals("true", main.outputs.get("created"));
            assertTrue(main.summary.contains("ci/scratch"));

            StepResult post = runner.runPost(with, main.state);
            assertEquals(0, post.exitCode, () -> "post failed:\n" + post.log().replace(apiKey, "***"));
            assertTrue(emu.branches(emu.projectId()).stream().noneMatch(b -> b.name().equals("ci/scratch") && !b.deleted()),
                    "post step deleted the branch");
        }
    }

    /** unshare -m + mount proc + chroot, then exec the command: the environment passes through unchanged. */
    private static List<String> inChroot(String... command) {
        // bash -c SCRIPT rootfs mount chroot cmd...  ($0 = rootfs, $1 = mount, $2 = chroot, then the command)
        List<String> c = new ArrayList<>(List.of(unshare, "-m", "--propagation", "private", "/bin/bash", "-c",
                "\"$1\" -t proc proc \"$0/proc\" && r=\"$0\" c=\"$2\" && shift 2 && exec \"$c\" \"$r\" \"$@\""));
        c.add(rootfs.toString());
        c.add(mount);
        c.add(chroot);
        c.addAll(List.of(command));
        return c;
    }

    private static String which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return dir + "/" + tool;
            }
        }
        return null;
    }

    private static String exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static void run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        System.out.print(out);
    }
}
