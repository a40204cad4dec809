package dev.neonci.action.contract;

import dev.neonci.action.testing.ImageSize;
import dev.neonci.action.testing.RunnerSimulator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime that action/build-runtime.sh made from action/jlink-modules.txt — the same script and list
 * the Dockerfile uses — is small, has exactly the modules the jar needs, and its post launcher is a
 * self-contained executable.
 */
class RuntimeImageIT {


    private final Path runtime = RunnerSimulator.builtRuntime();

    @Test
    void runtimeIsAtMostFiftyMegabytes() throws IOException {
        long bytes = ImageSize.bytes(runtime);
        System.out.println("jlinked runtime incl. jar: " + ImageSize.megabytes(bytes));
        assertTrue(bytes <= ImageSize.BUDGET_BYTES, "runtime is " + ImageSize.megabytes(bytes));
    }

    @Test
    void moduleListIsExactlyWhatJdepsFindsPlusTheDocumentedServiceModules() throws Exception {
        Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
        Process p = new ProcessBuilder(jdeps.toString(), "--print-module-deps", "--ignore-missing-deps",
                "--multi-release", "17", runtime.resolve("neon-ci-action.jar").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Set<String> found = new TreeSet<>(Arrays.asList(out.lines().reduce((a, b) -> b).orElse("").split(",")));

        Set<String> listed = listedModules();
        Set<String> services = Set.of("jdk.crypto.ec");
        Set<String> expected = new TreeSet<>(found);
        expected.addAll(services);
        assertEquals(expected, listed, "action/jlink-modules.txt must list exactly jdeps' modules " + found + " plus " + services);

        // And the runtime really has them (those this JDK has).
        String release = Files.readString(runtime.resolve("release"), StandardCharsets.UTF_8);
        for (String module : found) {
            assertTrue(release.contains(module), "runtime lacks " + module + ": " + release);
        }
    }

    @Test
    void postLauncherIsAShebangToTheRuntimesJavaFollowedByAJar() throws IOException {
        byte[] bytes = Files.readAllBytes(runtime.resolve("neon-ci-post"));
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
        String shebang = head.substring(0, head.indexOf('\n'));
        assertEquals("#!" + runtime.toAbsolutePath().normalize().resolve("bin/java") + " -jar", shebang);
        int zip = shebang.length() + 1;
        assertEquals('P', bytes[zip]);
        assertEquals('K', bytes[zip + 1]);
        assertTrue(Files.isExecutable(runtime.resolve("neon-ci-post")));
    }

    static Set<String> listedModules() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("neonci.repo.root", ".."), "action", "jlink-modules.txt"));
        return lines.stream().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
