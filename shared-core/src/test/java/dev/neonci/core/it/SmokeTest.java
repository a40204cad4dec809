package dev.neonci.core.it;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.wait.Deadline;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        try (Emulated e = new Emulated(Duration.ofMillis(200))) {
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-1").build(), Deadline.after(Duration.ofSeconds(20)));
            System.out.println(c);
            System.out.println(e.listener.all());
            e.emulator.requestLog().forEach(r -> System.out.println(r.timestamp() + " " + r.method() + " " + r.pathAndQuery() + " -> " + r.status()));
        }
    }
}
