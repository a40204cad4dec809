package dev.neonci.core.it;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.client.NeonNotFoundException;
import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.ConnectionOptions;
import dev.neonci.core.lifecycle.DeleteResult;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.SslMode;
import dev.neonci.core.lifecycle.SweepRequest;
import dev.neonci.core.lifecycle.SweepResult;
import dev.neonci.core.wait.Deadline;
import dev.neonci.emulator.EmulatedBranch;
import dev.neonci.emulator.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeleteResetSweepTest {

    static Deadline seconds(int s) {
        return Deadline.after(Duration.ofSeconds(s));
    }

    static BranchConnection ensure(Emulated e, String name) {
        return e.lifecycle.ensureBranch(EnsureBranchRequest.builder(name).build(), seconds(20));
    }

    @Test
    void deleteIsIdempotentByNameAndById() {
        try (Emulated e = new Emulated(Duration.ofMillis(50))) {
            BranchConnection a = ensure(e, "ci-del");
            BranchConnection b = ensure(e, "ci-del-2");

            DeleteResult first = e.lifecycle.deleteBranch("ci-del", seconds(20));
            assertEquals(new DeleteResult(true, a.branchId(), "ci-del"), first);
            assertEquals(0, e.liveBranchesNamed("ci-del"));
            assertFalse(e.emulator.operations().projectLocked(), "waited for the delete's operations");

            assertEquals(new DeleteResult(false, null, null), e.lifecycle.deleteBranch("ci-del", seconds(20)));
            assertEquals(new DeleteResult(true, b.branchId(), "ci-del-2"), e.lifecycle.deleteBranch(b.branchId(), seconds(20)));
            assertFalse(e.lifecycle.deleteBranch(b.branchId(), seconds(20)).deleted());
            assertFalse(e.lifecycle.deleteBranch("br-never-existed-1", seconds(20)).deleted());
            assertTrue(e.listener.all().contains("Branch ci-del does not exist; nothing to delete"), e.listener.all());
        }
    }

    @Test
    void aDeleteWhoseAnswerIsLostIsRetriedAndStillReportsTheDeletion() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            BranchConnection a = ensure(e, "ci-del-lost");
            e.emulator.faults().next("DELETE", "/branches/", 1, Fault.resetAfterHandling());
            DeleteResult r = e.lifecycle.deleteBranch("ci-del-lost", seconds(20));
            assertEquals(new DeleteResult(true, a.branchId(), "ci-del-lost"), r);
            assertEquals(0, e.liveBranchesNamed("ci-del-lost"));
        }
    }

    @Test
    void theDefaultBranchIsNeverDeleted() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            InvalidInputException ex = assertThrows(InvalidInputException.class, () -> e.lifecycle.deleteBranch("main", seconds(20)));
            assertEquals("branch: \"main\" is the project's default branch; refusing to delete it", ex.getMessage());
            assertTrue(e.emulator.requestLog().matching("DELETE", ".*").isEmpty());
            assertThrows(InvalidInputException.class, () -> e.lifecycle.deleteBranch(" ", seconds(20)));
        }
    }

    @Test
    void resetRestoresFromTheParentAndReturnsTheSameConnection() {
        try (Emulated e = new Emulated(Duration.ofMillis(100))) {
            BranchConnection before = ensure(e, "ci-reset");
            e.emulator.requestLog().clear();
            BranchConnection after = e.lifecycle.resetToParent("ci-reset",
                    ConnectionOptions.builder().sslMode(SslMode.VERIFY_FULL).build(), seconds(20));
            assertFalse(after.created());
            assertEquals(before.branchId(), after.branchId());
            assertEquals(before.host(), after.host());
            assertTrue(before.password().equals(after.password()), "the password changed across the reset (not printed)");
            assertTrue(after.dbUrl().endsWith("sslmode=verify-full"));
            var restore = e.emulator.requestLog().matching("POST", "/restore$");
            assertEquals(1, restore.size());
            assertEquals("{\"source_branch_id\":\"" + e.emulator.defaultBranchId() + "\"}", restore.get(0).body());
            assertFalse(e.emulator.operations().projectLocked(), "waited for the restore's operations");
            assertTrue(e.listener.all().contains("Resetting branch ci-reset"), e.listener.all());
        }
    }

    @Test
    void resetRefusesARootBranchAndAnUnknownOne() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            InvalidInputException root = assertThrows(InvalidInputException.class,
                    () -> e.lifecycle.resetToParent("main", ConnectionOptions.defaults(), seconds(20)));
            assertEquals("branch: \"main\" is a root branch (it has no parent); only a branch created from a parent can be reset to it",
                    root.getMessage());
            NeonNotFoundException missing = assertThrows(NeonNotFoundException.class,
                    () -> e.lifecycle.resetToParent("nope", ConnectionOptions.defaults(), seconds(20)));
            assertEquals("Neon: no branch named or with id \"nope\" in project " + e.projectId(), missing.getMessage());
        }
    }

    @Test
    void sweepDeletesOldPrefixedBranchesWithADryRunFirst() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            ensure(e, "pr-1");
            ensure(e, "pr-2");
            ensure(e, "keep-pr-3");
            SweepResult young = e.lifecycle.sweep(new SweepRequest("pr-", Duration.ofHours(1), false), seconds(20));
            assertEquals(List.of(), young.matched(), "nothing is an hour old yet");

            SweepResult dry = e.lifecycle.sweep(new SweepRequest("pr-", Duration.ZERO, true), seconds(20));
            assertTrue(dry.dryRun());
            assertEquals(Set.of("pr-1", "pr-2"), Set.copyOf(dry.matched()));
            assertEquals(List.of(), dry.deleted());
            assertEquals(1, e.liveBranchesNamed("pr-1"));
            assertTrue(e.emulator.requestLog().matching("DELETE", ".*").isEmpty());
            assertTrue(e.listener.all().contains("Would delete branch pr-1"), e.listener.all());

            SweepResult real = e.lifecycle.sweep(new SweepRequest("pr-", Duration.ZERO, false), seconds(20));
            assertEquals(List.of("pr-2", "pr-1"), real.deleted(), "newest first");
            assertTrue(real.failed().isEmpty());
            Set<String> live = e.emulator.branches(e.projectId()).stream().filter(b -> !b.deleted())
                    .map(EmulatedBranch::name).collect(Collectors.toSet());
            assertEquals(Set.of("main", "keep-pr-3"), live);

            SweepResult all = e.lifecycle.sweep(new SweepRequest("ma", Duration.ZERO, false), seconds(20));
            assertEquals(List.of(), all.matched(), "the default branch is never swept");
        }
    }

    @Test
    void sweepRefusesAnEmptyPrefix() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SweepRequest(" ", Duration.ZERO, true));
        assertEquals("prefix", e.input());
        assertThrows(InvalidInputException.class, () -> new SweepRequest("ci-", Duration.ofSeconds(-1), true));
    }
}
