package dev.neonci.emulator;

import dev.neonci.emulator.internal.OperationDirective;
import dev.neonci.emulator.internal.ProjectStore;
import java.time.Duration;
import java.util.Objects;

/** Test control over how the emulator's operations end. Thread-safe. */
public final class OperationControl {

    private final ProjectStore store;

    OperationControl(ProjectStore store) {
        this.store = store;
    }

    /**
     * The next operation created with this action (e.g. "create_branch", "start_compute"; null = any)
     * ends {@code failed} instead of {@code finished}, with a generic {@code error} text.
     */
    public OperationControl failNext(String action) {
        return failNext(action, "emulated failure of " + (action == null ? "operation" : action));
    }

    /** Like {@link #failNext(String)} with a chosen {@code error} text. */
    public OperationControl failNext(String action, String error) {
        store.addDirective(new OperationDirective(action, false, Objects.requireNonNull(error, "error")));
        return this;
    }

    /**
     * The next operation created with this action (null = any) stays {@code running} forever, which also
     * keeps the project locked (423 for every later change), as a hung Neon operation would.
     */
    public OperationControl stickNext(String action) {
        store.addDirective(new OperationDirective(action, true, null));
        return this;
    }

    /**
     * Starts a synthetic {@code apply_config} operation running for {@code duration}; until it ends,
     * changes to the project are answered 423 Locked. Returns the operation's id.
     */
    public String lockProjectFor(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        return store.lockFor(duration);
    }

    /** True while any operation of the project is scheduling or running. */
    public boolean projectLocked() {
        return store.locked();
    }
}
