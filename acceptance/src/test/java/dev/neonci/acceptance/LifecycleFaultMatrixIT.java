package dev.neonci.acceptance;

import dev.neonci.core.client.NeonAuthenticationException;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonException;
import dev.neonci.core.client.NeonTimeoutException;
import dev.neonci.core.client.OperationFailedException;
import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.lifecycle.DeleteResult;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.ProgressListener;
import dev.neonci.core.wait.Deadline;
import dev.neonci.emulator.EmulatedBranch;
import dev.neonci.emulator.NeonEmulator;
import dev.neonci.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault matrix through the core: {@code ensureBranch}, then {@code deleteBranch}, as a front end calls them. */
class LifecycleFaultMatrixIT {

    private static final Duration OPERATION = Duration.ofMillis(100);

    private final String apiKey = "napi_acc_" + UUID.randomUUID().toString().replace("-", "");
    private final Evidence evidence = new Evidence(apiKey);
    private NeonEmulator emu;
    private NeonClient client;
    private BranchLifecycle lifecycle;

    @BeforeEach
    void start() throws Exception {
        emu = NeonEmulator.builder().apiKey(apiKey).operationDuration(OPERATION).start();
        evidence.learnDefaultPassword(emu);
        client = NeonClient.builder().apiKey(apiKey).baseUrl(emu.baseUrl())
                .readTimeout(Duration.ofSeconds(1)).userAgentProduct("acceptance").build();
        ProgressListener listener = message -> evidence.add("listener", message);
        lifecycle = new BranchLifecycle(client, emu.projectId(), listener);
        evidence.add("client toString", client.toString());
    }

    @AfterEach
    void stop() {
        client.close();
        emu.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultCase.class)
    void createThenDelete(FaultCase fault) {
        String name = fault.branchName(UUID.randomUUID().toString().substring(0, 8));
        Duration createBudget = fault == FaultCase.OPERATION_STUCK ? Duration.ofSeconds(2) : Duration.ofSeconds(20);
        Duration deleteBudget = fault.delete == FaultCase.Outcome.FAILS ? Duration.ofSeconds(2) : Duration.ofSeconds(20);

        // ------------------------------------------------------------------ create
        fault.beforeCreate.accept(emu);
        int armed = emu.faults().remaining();
        BranchConnection connection = null;
        RuntimeException createError = null;
        long started = System.nanoTime();
        try {
            connection = lifecycle.ensureBranch(EnsureBranchRequest.builder(name).build(), Deadline.after(createBudget));
            evidence.add("connection toString", connection.toString());
        } catch (RuntimeException e) {
            createError = e;
            evidence.add("ensureBranch error", e);
        }
        assertWithinBudget(started, createBudget, "ensureBranch");
        if (fault.create == FaultCase.Outcome.OK) {
            final RuntimeException ce = createError;
            assertNull(createError, () -> "ensureBranch failed: " + describe(ce));
            assertTrue(connection.created(), "the branch did not exist before: created must be true");
            assertEquals(name, connection.branchName());
            EmulatedBranch b = live(name);
            assertEquals(b.id(), connection.branchId());
            assertEquals("ready", b.state(), "ensureBranch returns only once the branch is ready");
        } else {
            assertNotNull(createError, "ensureBranch should have failed");
            assertInstanceOf(NeonException.class, createError, "a user sees a NeonException, not " + createError.getClass());
            Invariants.assertOneLine(createError);
            System.out.println("[" + fault.name() + "] ensureBranch: " + describe(createError));
            assertCreateErrorNamesTheCause(fault, createError);
        }
        assertFaultWasMet(fault, "create", armed);

        // ------------------------------------------------------------------ delete
        emu.faults().clear();
        evidence.harvestPasswords(emu);
        emu.requestLog().clear();
        fault.beforeDelete.accept(emu);
        armed = emu.faults().remaining();
        RuntimeException deleteError = null;
        DeleteResult deleted = null;
        started = System.nanoTime();
        try {
            deleted = lifecycle.deleteBranch(name, Deadline.after(deleteBudget));
            evidence.add("delete result", deleted.toString());
        } catch (RuntimeException e) {
            deleteError = e;
            evidence.add("deleteBranch error", e);
        }
        assertWithinBudget(started, deleteBudget, "deleteBranch");
        if (fault.delete == FaultCase.Outcome.OK) {
            final RuntimeException de = deleteError;
            assertNull(deleteError, () -> "deleteBranch failed: " + describe(de));
            assertTrue(deleted.deleted(), "the branch existed, so deleted must be true");
        } else {
            assertNotNull(deleteError, "deleteBranch should have failed");
            assertInstanceOf(NeonException.class, deleteError);
            Invariants.assertOneLine(deleteError);
            System.out.println("[" + fault.name() + "] deleteBranch: " + describe(deleteError));
            if (fault == FaultCase.UNAUTHORIZED_PART_WAY) {
                assertInstanceOf(NeonAuthenticationException.class, deleteError);
            }
        }

        assertFaultWasMet(fault, "delete", armed);
        Invariants.check(emu, evidence, fault.keepsBranch ? Set.of(name) : Set.of());

        if (fault == FaultCase.UNAUTHORIZED_PART_WAY) {
            // Kept only while the key is refused: with a valid key again, the same delete removes it.
            emu.faults().clear();
            assertTrue(lifecycle.deleteBranch(name, Deadline.after(Duration.ofSeconds(20))).deleted());
            Invariants.check(emu, evidence, Set.of());
        }
    }

    /** The caller's deadline bounds the command, whatever the fault (1 s of slack for the last answer). */
    private static void assertWithinBudget(long startedNanos, Duration budget, String what) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        assertTrue(took.compareTo(budget.plusSeconds(1)) <= 0, what + " took " + took.toMillis() + " ms, budget " + budget);
    }

    private String describe(Throwable e) {
        return e == null ? "" : evidence.mask(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static void assertCreateErrorNamesTheCause(FaultCase fault, RuntimeException e) {
        String m = e.getMessage();
        switch (fault) {
            case OPERATION_FAILS:
                assertInstanceOf(OperationFailedException.class, e);
                assertTrue(m.contains("create_branch") && m.contains("timeline creation failed"), m);
                break;
            case OPERATION_STUCK:
                assertInstanceOf(NeonTimeoutException.class, e);
                assertTrue(m.contains("create_branch"), "the timeout names the operation: " + m);
                break;
            case UNAUTHORIZED_PART_WAY:
                assertInstanceOf(NeonAuthenticationException.class, e);
                assertTrue(m.contains("API key") && m.contains("401"), m);
                break;
            case MALFORMED_JSON_ON_POLL_REPEATED:
                assertTrue(m.contains("JSON"), m);
                break;
            default:
                break;
        }
    }

    /**
     * Each case must actually have met its fault, or it proves nothing: every armed fault was used up (the
     * revoked key's 401s stay armed: at least one was answered), or for a lock, a 423 was answered.
     */
    private void assertFaultWasMet(FaultCase fault, String phase, int armed) {
        if (fault == FaultCase.LOCKED) {
            assertTrue(emu.requestLog().stream().anyMatch(r -> r.status() == 423), phase + ": no 423 was answered");
        }
        if (armed > 0) {
            if (fault == FaultCase.UNAUTHORIZED_PART_WAY) {
                assertTrue(emu.faults().remaining() < armed, phase + ": no 401 was answered");
            } else {
                assertEquals(0, emu.faults().remaining(), phase + ": not every armed fault was met");
            }
        }
        if (fault == FaultCase.RATE_LIMITED_WITH_RETRY_AFTER && phase.equals("create")) {
            // Retry-After: 1 is honoured: each retry comes at least ~1 s after the 429.
            List<RecordedRequest> posts = emu.requestLog().matching("POST", "/branches$");
            assertEquals(3, posts.size(), "two 429s, then the create");
            for (int i = 1; i < posts.size(); i++) {
                Duration gap = Duration.between(posts.get(i - 1).timestamp(), posts.get(i).timestamp());
                assertTrue(gap.compareTo(Duration.ofMillis(900)) >= 0, "retried after " + gap.toMillis() + " ms, before Retry-After");
            }
        }
    }

    private EmulatedBranch live(String name) {
        return emu.branches(emu.projectId()).stream().filter(b -> b.name().equals(name) && !b.deleted())
                .findFirst().orElseThrow(() -> new AssertionError("branch " + name + " does not exist"));
    }
}
