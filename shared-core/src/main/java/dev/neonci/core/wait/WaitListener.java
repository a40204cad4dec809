package dev.neonci.core.wait;

import java.time.Duration;

/**
 * Told about a wait in progress. {@code dev.neonci.core.lifecycle.ProgressListener} extends it; this
 * small interface lets the wait layer report without depending on the lifecycle layer.
 */
@FunctionalInterface
public interface WaitListener {

    WaitListener NONE = (action, status, elapsed) -> { };

    /** E.g. {@code ("create_timeline", "running", 2.1 s)}: still waiting for that operation. */
    void waiting(String action, String status, Duration elapsed);
}
