package dev.neonci.acceptance;

import dev.neonci.emulator.Fault;
import dev.neonci.emulator.NeonEmulator;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The fault matrix (issue 5): one row per fault, driven through the lifecycle ({@link LifecycleFaultMatrixIT})
 * and through the action process ({@link ActionFaultMatrixIT}). Each row arms the emulator before the create
 * (ensure branch / main step) and before the delete (delete branch / post step at job end), and says what the
 * user gets: success, or one clear error line — and whether the branch has to stay (only when nothing could
 * delete it, e.g. a revoked key).
 *
 * <p>docs/guarantees.md is this table in prose; keep them in step.
 */
enum FaultCase {

    CREATE_500_BURST("HTTP 500 twice on create (not applied)",
            emu -> emu.faults().next("POST", "/branches$", 2, Fault.status(500)), null,
            Outcome.OK, Outcome.OK, false),
    CREATE_503_BURST("HTTP 503 three times on create",
            emu -> emu.faults().next("POST", "/branches$", 3, Fault.status(503)), null,
            Outcome.OK, Outcome.OK, false),
    POLL_5XX_BURST("HTTP 500/502/504 on operation polling",
            emu -> emu.faults()
                    .next("GET", "/operations/", 1, Fault.status(500))
                    .next("GET", "/operations/", 1, Fault.status(502))
                    .next("GET", "/operations/", 1, Fault.status(504)), null,
            Outcome.OK, Outcome.OK, false),
    DELETE_5XX_BURST("HTTP 500 three times on delete",
            null, emu -> emu.faults().next("DELETE", "/branches/", 3, Fault.status(500)),
            Outcome.OK, Outcome.OK, false),
    RATE_LIMITED_WITH_RETRY_AFTER("429 with Retry-After: 1 twice on create",
            emu -> emu.faults().next("POST", "/branches$", 2, Fault.status(429).withRetryAfter("1")), null,
            Outcome.OK, Outcome.OK, false),
    RATE_LIMITED_WITHOUT_RETRY_AFTER("429 without Retry-After on three requests of each command",
            emu -> emu.faults().next("*", "/projects/", 3, Fault.status(429)),
            emu -> emu.faults().next("*", "/projects/", 3, Fault.status(429)),
            Outcome.OK, Outcome.OK, false),
    LOCKED("423 Locked for 3 s before create and 2 s before delete",
            emu -> emu.operations().lockProjectFor(Duration.ofSeconds(3)),
            emu -> emu.operations().lockProjectFor(Duration.ofSeconds(2)),
            Outcome.OK, Outcome.OK, false),
    RESET_BEFORE_CREATE_HANDLED("connection reset before the create is handled (nothing created)",
            emu -> emu.faults().next("POST", "/branches$", 1, Fault.resetBeforeHandling()), null,
            Outcome.OK, Outcome.OK, false),
    RESET_AFTER_CREATE_HANDLED("connection reset after the emulator created the branch",
            emu -> emu.faults().next("POST", "/branches$", 1, Fault.resetAfterHandling()), null,
            Outcome.OK, Outcome.OK, false),
    RESET_ON_DELETE("connection reset on delete, before and after it is handled",
            null, emu -> emu.faults()
                    .next("DELETE", "/branches/", 1, Fault.resetBeforeHandling())
                    .next("DELETE", "/branches/", 1, Fault.resetAfterHandling()),
            Outcome.OK, Outcome.OK, false),
    /**
     * The lifecycle's client has a 1 s read timeout and the answer comes 2.5 s after the branch was created.
     * The action's client keeps its 30 s read timeout, clipped to the {@code timeout} input: with
     * {@code timeout: 4} and the answer 6 s late, the main step times out and the post step deletes the
     * branch by the name it saved before sending anything.
     */
    READ_TIMEOUT_AFTER_CREATE("read timeout on create after the emulator created the branch",
            emu -> emu.faults().next("POST", "/branches$", 1, Fault.delayAfterHandling(Duration.ofMillis(2500))), null,
            Outcome.OK, Outcome.OK, false),
    OPERATION_FAILS("the create_branch operation ends failed",
            emu -> emu.operations().failNext("create_branch", "emulated failure: timeline creation failed"), null,
            Outcome.FAILS, Outcome.OK, false),
    /** Neon never finishes the operation, so the project stays locked and every delete is answered 423. */
    OPERATION_STUCK("the create_branch operation never finishes (past the deadline)",
            emu -> emu.operations().stickNext("create_branch"), null,
            Outcome.FAILS, Outcome.FAILS, true),
    MALFORMED_JSON_ON_CREATE("malformed JSON answering the create (branch created)",
            emu -> emu.faults().next("POST", "/branches$", 1, Fault.malformedJson()), null,
            Outcome.OK, Outcome.OK, false),
    MALFORMED_JSON_ON_POLL("malformed JSON answering an operation poll once (asked again)",
            emu -> emu.faults().next("GET", "/operations/", 1, Fault.malformedJson()), null,
            Outcome.OK, Outcome.OK, false),
    /** Every answer to one poll unreadable: the client asks three times, then the command fails. */
    MALFORMED_JSON_ON_POLL_REPEATED("malformed JSON answering an operation poll three times",
            emu -> emu.faults().next("GET", "/operations/", 3, Fault.malformedJson()), null,
            Outcome.FAILS, Outcome.OK, false),
    /** The key is revoked once the create was accepted: nothing can delete the branch with it. */
    UNAUTHORIZED_PART_WAY("401 from the first poll after create on (key revoked)",
            emu -> emu.faults().next("GET", "/operations/", 1000, Fault.status(401)),
            emu -> emu.faults().next("*", "/", 1000, Fault.status(401)),
            Outcome.FAILS, Outcome.FAILS, true);

    enum Outcome { OK, FAILS }

    final String description;
    final Consumer<NeonEmulator> beforeCreate;
    final Consumer<NeonEmulator> beforeDelete;
    final Outcome create;
    final Outcome delete;
    /** The branch stays on purpose: nothing the user runs could delete it (see the constant's comment). */
    final boolean keepsBranch;

    FaultCase(String description, Consumer<NeonEmulator> beforeCreate, Consumer<NeonEmulator> beforeDelete,
              Outcome create, Outcome delete, boolean keepsBranch) {
        this.description = description;
        this.beforeCreate = beforeCreate == null ? emu -> { } : beforeCreate;
        this.beforeDelete = beforeDelete == null ? emu -> { } : beforeDelete;
        this.create = create;
        this.delete = delete;
        this.keepsBranch = keepsBranch;
    }

    /** A branch name under the run prefix, unique per case. */
    String branchName(String suffix) {
        return Invariants.RUN_PREFIX + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + suffix;
    }

    @Override
    public String toString() {
        return description;
    }
}
