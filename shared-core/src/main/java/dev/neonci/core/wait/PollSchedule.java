package dev.neonci.core.wait;

import java.time.Duration;
import java.util.Objects;

/**
 * When to poll an operation: fast at first, backing off, each poll at a fixed offset from the start of
 * the wait (so slow answers do not push later polls back).
 *
 * <p>The default: first poll after 125 ms, then intervals of 100 ms growing ×1.6, capped by the larger of
 * 400 ms and 30 % of the time already waited, and never above 2 s. Offsets (s):
 * 0.125, 0.225, 0.385, 0.641, 1.041, 1.441, 1.873, 2.435, 3.165, 4.115, 5.35, 6.95, 8.95, … then every 2 s.
 *
 * <p>Why: most Neon operations take from a few hundred ms to a few s, and noticing the end quickly is what
 * makes a CI step fast; but every poll counts against the account's ~700 requests/minute, shared by every
 * concurrent build. So the interval grows with the time already waited (the lag after an operation ends
 * stays below 400 ms or 30 % of the wait, whichever is larger) and settles at 2 s, 30 requests a minute, for long
 * waits. Within that shape the constants place polls just after typical readiness times; BENCHMARKS.md
 * has the measured lag and polls per wait (targets for waits of 0.2 / 1 / 3 s: ≤ 4 / 7 / 10 polls, median
 * lag ≤ 100 / 200 / 500 ms). One schedule covers a whole wait, however many operations it spans
 * (see {@link OperationWaiter}).
 */
public final class PollSchedule {

    private static final PollSchedule DEFAULT = builder().build();

    private final Duration firstPoll;
    private final Duration initialInterval;
    private final double factor;
    private final Duration steadyInterval;
    private final double proportion;
    private final Duration maxInterval;

    private PollSchedule(Builder b) {
        this.firstPoll = b.firstPoll;
        this.initialInterval = b.initialInterval;
        this.factor = b.factor;
        this.steadyInterval = b.steadyInterval;
        this.proportion = b.proportion;
        this.maxInterval = b.maxInterval;
    }

    public static PollSchedule defaults() {
        return DEFAULT;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Offset from the start of the wait of the first poll. */
    public Duration firstPoll() {
        return firstPoll;
    }

    /**
     * The pause after poll number {@code poll} (1-based) that happened {@code offset} after the start.
     */
    public Duration intervalAfter(int poll, Duration offset) {
        double raw = initialInterval.toNanos() * Math.pow(factor, Math.max(0, poll - 1));
        double cap = Math.max(steadyInterval.toNanos(), offset.toNanos() * proportion);
        cap = Math.min(cap, maxInterval.toNanos());
        return Duration.ofNanos((long) Math.min(raw, cap));
    }

    /** Offset from the start of poll number {@code poll} (1-based). */
    public Duration offsetOf(int poll) {
        Duration at = firstPoll;
        for (int i = 1; i < poll; i++) {
            at = at.plus(intervalAfter(i, at));
        }
        return at;
    }

    @Override
    public String toString() {
        return "PollSchedule[first=" + firstPoll + ", initial=" + initialInterval + ", factor=" + factor
                + ", steady=" + steadyInterval + ", proportion=" + proportion + ", max=" + maxInterval + "]";
    }

    public static final class Builder {
        private Duration firstPoll = Duration.ofMillis(125);
        private Duration initialInterval = Duration.ofMillis(100);
        private double factor = 1.6;
        private Duration steadyInterval = Duration.ofMillis(400);
        private double proportion = 0.3;
        private Duration maxInterval = Duration.ofSeconds(2);

        private Builder() {
        }

        public Builder firstPoll(Duration d) { this.firstPoll = positiveOrZero(d, "firstPoll"); return this; }
        public Builder initialInterval(Duration d) { this.initialInterval = positiveOrZero(d, "initialInterval"); return this; }
        public Builder factor(double factor) {
            if (!(factor >= 1.0)) {
                throw new IllegalArgumentException("factor must be >= 1: " + factor);
            }
            this.factor = factor;
            return this;
        }
        /** The interval the backoff may always grow to, whatever the elapsed time. */
        public Builder steadyInterval(Duration d) { this.steadyInterval = positiveOrZero(d, "steadyInterval"); return this; }
        /** Fraction of the elapsed time the interval may grow to beyond {@link #steadyInterval}. */
        public Builder proportion(double proportion) {
            if (!(proportion >= 0.0)) {
                throw new IllegalArgumentException("proportion must be >= 0: " + proportion);
            }
            this.proportion = proportion;
            return this;
        }
        public Builder maxInterval(Duration d) { this.maxInterval = positiveOrZero(d, "maxInterval"); return this; }

        public PollSchedule build() {
            return new PollSchedule(this);
        }

        private static Duration positiveOrZero(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + d);
            }
            return d;
        }
    }
}
