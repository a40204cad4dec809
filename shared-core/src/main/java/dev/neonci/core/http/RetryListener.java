package dev.neonci.core.http;

import java.time.Duration;

/**
 * Told before the client retries a request. {@code dev.neonci.core.lifecycle.ProgressListener} extends
 * it, so a retry shows up in the CI log ("Neon answered 423 Locked; retrying in 1.2 s").
 */
@FunctionalInterface
public interface RetryListener {

    RetryListener NONE = (reason, delay) -> { };

    void retrying(String reason, Duration delay);
}
