package dev.neonci.emulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * A sliding one-minute window of accepted requests, like Neon's per-minute API rate limit.
 * Thread-safe. A limit of 0 disables it.
 */
public final class RateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Deque<Instant> accepted = new ArrayDeque<>();

    public RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("rate limit must be >= 0: " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /**
     * Admits a request, or returns how many whole seconds (at least 1) until one would be admitted,
     * for the {@code Retry-After} header. Rejected requests do not count against the window.
     */
    public synchronized OptionalLong tryAcquire() {
        if (perMinute == 0) {
            return OptionalLong.empty();
        }
        Instant now = clock.instant();
        Instant windowStart = now.minus(WINDOW);
        while (!accepted.isEmpty() && !accepted.peekFirst().isAfter(windowStart)) {
            accepted.pollFirst();
        }
        if (accepted.size() < perMinute) {
            accepted.addLast(now);
            return OptionalLong.empty();
        }
        Duration wait = Duration.between(now, accepted.peekFirst().plus(WINDOW));
        long seconds = (wait.toMillis() + 999) / 1000;
        return OptionalLong.of(Math.max(1, seconds));
    }
}
