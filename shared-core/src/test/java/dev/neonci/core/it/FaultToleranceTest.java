package dev.neonci.core.it;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.NeonTimeoutException;
import dev.neonci.core.client.OperationFailedException;
import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.wait.Deadline;
import dev.neonci.emulator.Fault;
import dev.neonci.emulator.NeonEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retries, lost answers and failing or hung operations, injected by the emulator. */
class FaultToleranceTest {

    static Deadline seconds(int s) {
        return Deadline.after(Duration.ofSeconds(s));
    }

    @Test
    void waitsOutALockedProject() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            e.emulator.operations().lockProjectFor(Duration.ofMillis(800));
            long t0 = System.nanoTime();
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-locked").build(), seconds(20));
            assertTrue(c.created());
            assertTrue(System.nanoTime() - t0 >= 700_000_000L);
            assertTrue(e.listener.retries.stream().anyMatch(r -> r.equals("Neon answered 423 Locked")), e.listener.retries.toString());
            assertTrue(e.listener.all().contains("Neon answered 423 Locked; retrying in "), e.listener.all());
            assertEquals(1, e.liveBranchesNamed("ci-locked"));
        }
    }

    @Test
    void honoursRetryAfterOn429() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            e.emulator.faults().next("GET", "/branches$", 1, Fault.status(429).withRetryAfter("1"));
            long t0 = System.nanoTime();
            e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-429").build(), seconds(20));
            assertTrue(System.nanoTime() - t0 >= 1_000_000_000L, "waited the second Neon asked for");
            assertTrue(e.listener.all().contains("Neon answered 429 Too Many Requests; retrying in 1.0 s"), e.listener.all());
        }
    }

    @Test
    void aRealRateLimitIsWaitedOut() {
        try (Emulated e = new Emulated(NeonEmulator.builder().operationDuration(Duration.ZERO).rateLimitPerMinute(6),
                Duration.ofSeconds(5))) {
            // ensure needs ~8 requests: the limiter answers 429 + Retry-After for the rest of the minute,
            // which does not fit in the deadline, so the failure says what Neon said.
            var ex = assertThrows(dev.neonci.core.client.NeonRateLimitException.class,
                    () -> e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-rl").build(), seconds(5)));
            assertTrue(ex.getMessage().startsWith("Neon answered 429 Too Many Requests for "), ex.getMessage());
        }
    }

    @Test
    void retries503EvenForCreate() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            e.emulator.faults().next("POST", "/branches$", 2, Fault.status(503));
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-503").build(), seconds(20));
            assertTrue(c.created());
            assertEquals(3, e.emulator.requestLog().matching("POST", "/branches$").size());
            assertEquals(1, e.liveBranchesNamed("ci-503"));
        }
    }

    @Test
    void retriesServerErrorsOnReads() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            e.emulator.faults().next("GET", "/endpoints$", 2, Fault.status(500));
            e.emulator.faults().next("GET", "/reveal_password$", 1, Fault.resetBeforeHandling());
            e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-500").build(), seconds(20));
            assertTrue(e.listener.retries.contains("Neon answered 500 Internal Server Error"), e.listener.retries.toString());
        }
    }

    @Test
    void aCreateWhoseAnswerIsLostAfterNeonAppliedItLeavesOneBranch() {
        try (Emulated e = new Emulated(Duration.ofMillis(50))) {
            e.emulator.faults().next("POST", "/branches$", 1, Fault.resetAfterHandling());
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-lost").build(), seconds(20));
            assertEquals(1, e.emulator.requestLog().matching("POST", "/branches$").size(), "not re-sent blindly");
            assertEquals(1, e.liveBranchesNamed("ci-lost"), "no duplicate");
            assertTrue(c.created());
            assertTrue(e.listener.all().contains("checking whether Neon created it"), e.listener.all());
        }
    }

    @Test
    void aCreateThatNeverReachedNeonIsSentAgainAfterChecking() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            e.emulator.faults().next("POST", "/branches$", 1, Fault.resetBeforeHandling());
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-reset").build(), seconds(20));
            assertTrue(c.created());
            assertEquals(1, e.liveBranchesNamed("ci-reset"), "no orphan, no duplicate");
            assertEquals(2, e.emulator.requestLog().matching("POST", "/branches$").size());
        }
    }

    @Test
    void aCreateAnsweredTooLateIsNotDuplicated() throws Exception {
        try (Emulated e = new Emulated(NeonEmulator.builder().operationDuration(Duration.ZERO), Duration.ofMillis(300))) {
            e.emulator.faults().next("POST", "/branches$", 1, Fault.delayAfterHandling(Duration.ofSeconds(1)));
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-slow-answer").build(), seconds(20));
            assertTrue(c.created());
            assertEquals(1, e.liveBranchesNamed("ci-slow-answer"));
            // The emulator logs a request once its (delayed) answer is written: wait for that, then count.
            long until = System.nanoTime() + 3_000_000_000L;
            while (e.emulator.requestLog().matching("POST", "/branches$").isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(1, e.emulator.requestLog().matching("POST", "/branches$").size(), "not re-sent");
        }
    }

    @Test
    void aFailedOperationFailsTheEnsureWithNeonsError() {
        try (Emulated e = new Emulated(Duration.ofMillis(100))) {
            e.emulator.operations().failNext("start_compute", "compute quota exceeded");
            OperationFailedException ex = assertThrows(OperationFailedException.class,
                    () -> e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-fail").build(), seconds(20)));
            assertEquals("start_compute", ex.action());
            assertTrue(ex.getMessage().startsWith("Neon operation start_compute ("), ex.getMessage());
            assertTrue(ex.getMessage().endsWith(") ended failed: compute quota exceeded"), ex.getMessage());
        }
    }

    @Test
    void aStuckOperationTimesOutWithinTheDeadline() {
        try (Emulated e = new Emulated(Duration.ofMillis(50))) {
            e.emulator.operations().stickNext("create_branch");
            long t0 = System.nanoTime();
            NeonTimeoutException ex = assertThrows(NeonTimeoutException.class,
                    () -> e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-stuck").build(), seconds(3)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 2_800 && ms <= 3_500, "ended at the deadline: " + ms + " ms");
            assertTrue(ex.getMessage().startsWith("Timed out after 3.0 s waiting for Neon operation create_branch ("), ex.getMessage());
            assertTrue(ex.getMessage().endsWith("to finish; last status: running"), ex.getMessage());
            assertEquals(Duration.ofSeconds(3), ex.timeout());
        }
    }

    @Test
    void malformedJsonOnAReadIsAskedAgain() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            e.emulator.faults().next("GET", "/roles$", 2, Fault.malformedJson());
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-json").build(), seconds(20));
            assertEquals("neondb_owner", c.role());
            assertEquals(3, e.emulator.requestLog().matching("GET", "/roles$").size(), "two garbled answers, then a good one");
        }
    }

    @Test
    void malformedJsonOnEveryTryOfARead() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            e.emulator.faults().next("GET", "/roles$", 3, Fault.malformedJson());
            var ex = assertThrows(dev.neonci.core.client.NeonTransportException.class,
                    () -> e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-json").build(), seconds(20)));
            assertTrue(ex.getMessage().contains("/roles with HTTP 200 but a body that is not the documented JSON"), ex.getMessage());
        }
    }
}
