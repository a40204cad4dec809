package dev.neonci.core.wait;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One overall time budget for a command (e.g. "create the branch and have it ready within 10 minutes").
 * Every wait, retry and HTTP timeout inside the core is clipped to it, so a command never runs longer
 * than its caller allowed, however many retries happen inside.
 *
 * <p>Immutable and thread-safe. {@link #after(Duration)} measures with {@link System#nanoTime()}, which
 * does not jump when the wall clock is adjusted; {@link #after(Duration, Clock)} uses the given clock
 * (a test seam).
 */
public final class Deadline {

    private final Duration timeout;
    private final LongSupplier nanos;
    private final long startNanos;

    private Deadline(Duration timeout, LongSupplier nanos) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        this.timeout = timeout;
        this.nanos = nanos;
        this.startNanos = nanos.getAsLong();
    }

    /** A deadline {@code timeout} from now, measured on the monotonic clock. */
    public static Deadline after(Duration timeout) {
        return new Deadline(timeout, System::nanoTime);
    }

    /** A deadline {@code timeout} from now on {@code clock} (millisecond resolution). */
    public static Deadline after(Duration timeout, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new Deadline(timeout, () -> clock.millis() * 1_000_000L);
    }

    /** The budget this deadline was created with. */
    public Duration timeout() {
        return timeout;
    }

    /** Time since the deadline was created. */
    public Duration elapsed() {
        return Duration.ofNanos(nanos.getAsLong() - startNanos);
    }

    /** Time left, never negative. */
    public Duration remaining() {
        Duration left = timeout.minus(elapsed());
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean isExpired() {
        return remaining().isZero();
    }

    /** True if {@code d} still fits before the deadline. */
    public boolean allows(Duration d) {
        return d.compareTo(remaining()) <= 0;
    }

    @Override
    public String toString() {
        return "Deadline[timeout=" + timeout + ", remaining=" + remaining() + "]";
    }
}
