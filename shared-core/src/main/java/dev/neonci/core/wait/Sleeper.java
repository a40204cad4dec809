package dev.neonci.core.wait;

import java.time.Duration;

/** How the core pauses between polls and retries; a seam so tests can run without real waiting. */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep(long, int)} with nanosecond precision. */
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000L));
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
