package io.jenkins.plugins.neonci;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import dev.neonci.emulator.EmulatedBranch;
import dev.neonci.emulator.NeonEmulator;
import dev.neonci.emulator.RecordedRequest;
import hudson.util.Secret;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jvnet.hudson.test.JenkinsRule;

/** Helpers shared by the Jenkins tests: credentials, emulator inspection, build-directory grep. */
final class NeonTestSupport {

    static final String API_KEY = "neon-test-key-5f0c2b7e";
    static final String CREDENTIALS_ID = "neon-api-key";

    private NeonTestSupport() {}

    static NeonEmulator emulator(Duration operationDuration) {
        return NeonEmulator.builder().apiKey(API_KEY).operationDuration(operationDuration).start();
    }

    /** A global Secret text credential holding the emulator's API key. */
    static void addApiKey(JenkinsRule j, String id) throws IOException {
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "Neon API key", Secret.fromString(API_KEY)));
    }

    /** {@code credentialsId: '…', projectId: '…', apiUrl: '…'} for the emulator. */
    static String connectionArgs(NeonEmulator emu, String credentialsId) {
        return "credentialsId: '" + credentialsId + "', projectId: '" + emu.projectId() + "', apiUrl: '" + emu.baseUrl() + "'";
    }

    static Optional<EmulatedBranch> branch(NeonEmulator emu, String name) {
        return emu.branches(emu.projectId()).stream().filter(b -> b.name().equals(name)).reduce((a, b) -> b);
    }

    static boolean exists(NeonEmulator emu, String name) {
        return branch(emu, name).map(b -> !b.deleted()).orElse(false);
    }

    /** Waits until the branch is gone (deleted, or never created), or fails after {@code timeout}. */
    static void awaitGone(NeonEmulator emu, String name, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (exists(emu, name)) {
            if (System.nanoTime() > end) {
                fail("branch " + name + " still exists after " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static final Pattern PASSWORD = Pattern.compile("\"password\"\\s*:\\s*\"([^\"]+)\"");

    /** The last password the emulator revealed (to check it never reaches the log or the build directory). */
    static String revealedPassword(NeonEmulator emu) {
        List<RecordedRequest> reveals = emu.requestLog().matching("GET", ".*/reveal_password$");
        for (int i = reveals.size() - 1; i >= 0; i--) {
            Matcher m = PASSWORD.matcher(String.valueOf(reveals.get(i).responseBody()));
            if (m.find()) {
                return m.group(1);
            }
        }
        fail("the emulator revealed no password");
        return null;
    }

    /** Files under {@code dir} whose content contains {@code text}. */
    static Set<String> grep(File dir, String text) throws IOException {
        assertNotNull(text);
        Set<String> matches = new TreeSet<>();
        try (var paths = Files.walk(dir.toPath())) {
            for (var p : (Iterable<java.nio.file.Path>) paths::iterator) {
                if (Files.isRegularFile(p)) {
                    String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                    if (content.contains(text)) {
                        matches.add(dir.toPath().relativize(p).toString());
                    }
                }
            }
        }
        return matches;
    }
}
