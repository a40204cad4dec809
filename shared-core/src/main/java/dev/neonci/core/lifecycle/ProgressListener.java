package dev.neonci.core.lifecycle;

import dev.neonci.core.client.Durations;
import dev.neonci.core.http.RetryListener;
import dev.neonci.core.wait.WaitListener;
import java.time.Duration;

/**
 * How the core reports progress; the core itself never prints. Front ends turn events into log lines
 * (a GitHub Actions step log, a Jenkins console). Implement {@link #info(String)} alone to get every event
 * as a ready-made line; override the others for structured handling.
 *
 * <p>Messages never contain a secret.
 */
@FunctionalInterface
public interface ProgressListener extends WaitListener, RetryListener {

    ProgressListener NONE = message -> { };

    /** A step of the lifecycle, e.g. "Creating branch ci-42 from main". */
    void info(String message);

    /** Still waiting for an operation or state; by default {@code info("Waiting for create_timeline: running, 2.1 s")}. */
    @Override
    default void waiting(String action, String status, Duration elapsed) {
        info("Waiting for " + action + ": " + status + ", " + Durations.format(elapsed));
    }

    /** About to retry a request; by default {@code info("Neon answered 423 Locked; retrying in 1.2 s")}. */
    @Override
    default void retrying(String reason, Duration delay) {
        info(reason + "; retrying in " + Durations.format(delay));
    }
}
