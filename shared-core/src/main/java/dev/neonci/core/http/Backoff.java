package dev.neonci.core.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for retries: the n-th retry waits a random time in
 * [d/2, d] with d = min(max, base × 2^(n-1)). The random half spreads out the clients that
 * were all rejected at the same moment (e.g. by the same 423 lock), so they do not come back together.
 *
 * <p>Defaults: base 500 ms, max 8 s: 0.25-0.5, 0.5-1, 1-2, 2-4, 4-8, 4-8 s … — a 423 lock from a typical
 * Neon operation (seconds) is waited out in a few attempts without spending the account's rate budget.
 */
public final class Backoff {

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = Objects.requireNonNull(base, "base");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), Math::random);
    }

    /** Delay before retry number {@code retry} (1-based). */
    public Duration delay(int retry) {
        long ceiling = base.toMillis();
        for (int i = 1; i < retry && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        double r = Math.min(1.0, Math.max(0.0, random.getAsDouble()));
        return Duration.ofMillis((long) (ceiling / 2.0 + r * ceiling / 2.0));
    }

    public Duration base() {
        return base;
    }

    public Duration max() {
        return max;
    }
}
