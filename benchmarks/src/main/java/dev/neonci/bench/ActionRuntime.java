package dev.neonci.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The action's runtime, built here exactly as the Dockerfile builds it: {@code action/build-runtime.sh}
 * (same jlink modules, same flags) with this machine's JDK.
 */
final class ActionRuntime {

    private ActionRuntime() {
    }

    static Path build(Path root, Path dest) throws IOException, InterruptedException {
        Path jar = root.resolve("action/target/neon-ci-action.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -B -q install -DskipTests first");
        }
        Process p = new ProcessBuilder("bash", root.resolve("action/build-runtime.sh").toString(), dest.toString(),
                jar.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("build-runtime.sh failed with exit code " + p.exitValue());
        }
        return dest;
    }
}
