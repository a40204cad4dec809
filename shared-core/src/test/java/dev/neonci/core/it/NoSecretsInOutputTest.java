package dev.neonci.core.it;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.ci.ConnectionEnvironment;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.lifecycle.ConnectionOptions;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.SweepRequest;
import dev.neonci.core.wait.Deadline;
import dev.neonci.emulator.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Runs the lifecycle through success and failure paths and checks that nothing a user or a log could see —
 * progress lines, stdout/stderr, exception messages, stack traces, toString() — contains the API key or a
 * database password.
 */
class NoSecretsInOutputTest {

    final List<String> seen = new ArrayList<>();
    final Set<String> secrets = new LinkedHashSet<>();

    @Test
    void noKeyOrPasswordInAnythingPrinted() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try (Emulated e = new Emulated(Duration.ofMillis(30))) {
            secrets.add(e.apiKey);
            Deadline d = Deadline.after(Duration.ofSeconds(30));
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("leak-1").build(), d);
            remember(c);
            remember(e.lifecycle.ensureBranch(EnsureBranchRequest.builder("leak-1").build(), d));
            remember(e.lifecycle.resetToParent("leak-1", ConnectionOptions.defaults(), d));
            seen.add(e.client.toString());
            seen.add(e.lifecycle.toString());

            // failures of every kind
            attempt(() -> { e.emulator.faults().next("POST", "/branches$", 1, Fault.resetAfterHandling());
                return e.lifecycle.ensureBranch(EnsureBranchRequest.builder("leak-2").build(), d); });
            attempt(() -> { e.emulator.faults().next("GET", "/reveal_password$", 1, Fault.status(412));
                return e.lifecycle.ensureBranch(EnsureBranchRequest.builder("leak-1").build(), d); });
            attempt(() -> { e.emulator.faults().next("GET", "/roles$", 1, Fault.malformedJson());
                return e.lifecycle.ensureBranch(EnsureBranchRequest.builder("leak-1").build(), d); });
            attempt(() -> { e.emulator.operations().failNext("start_compute");
                return e.lifecycle.ensureBranch(EnsureBranchRequest.builder("leak-3").build(), d); });
            attempt(() -> e.lifecycle.deleteBranch("main", d));
            try (NeonClient wrong = NeonClient.builder().apiKey(e.apiKey + "-revoked").baseUrl(e.emulator.baseUrl()).build()) {
                secrets.add(e.apiKey + "-revoked");
                seen.add(wrong.toString());
                attempt(() -> new BranchLifecycle(wrong, e.projectId(), e.listener)
                        .ensureBranch(EnsureBranchRequest.builder("leak-5").build(), d));
            }
            attempt(() -> NeonClient.builder().apiKey("bad key " + e.apiKey).build());
            attempt(() -> e.lifecycle.sweep(new SweepRequest("leak-", Duration.ZERO, false), Deadline.after(Duration.ofSeconds(20))));
            // Last: a hung operation keeps the project locked for good.
            attempt(() -> { e.emulator.operations().stickNext("create_branch");
                return e.lifecycle.ensureBranch(EnsureBranchRequest.builder("leak-4").build(), Deadline.after(Duration.ofSeconds(1))); });
            seen.addAll(e.listener.lines);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        seen.add(captured.toString(StandardCharsets.UTF_8));

        assertTrue(secrets.size() >= 3, "the test saw a key and passwords: " + secrets.size());
        assertTrue(seen.size() > 20, "and plenty of output: " + seen.size());
        for (String text : seen) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), () -> "a secret leaked into: " + text.replace(secret, "<SECRET>"));
                String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
                assertFalse(text.contains(encoded), () -> "an encoded secret leaked into: " + text.replace(encoded, "<SECRET>"));
            }
        }
    }

    private void remember(BranchConnection c) {
        secrets.add(c.password());
        secrets.add(c.dbUrl());
        seen.add(c.toString());
        seen.add(ConnectionEnvironment.of(c).toString());
    }

    private void attempt(Supplier<?> action) {
        try {
            Object result = action.get();
            seen.add(String.valueOf(result));
            if (result instanceof BranchConnection) {
                remember((BranchConnection) result);
            }
        } catch (RuntimeException e) {
            seen.add(e.getMessage());
            seen.add(e.toString());
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            seen.add(trace.toString());
        }
    }
}
