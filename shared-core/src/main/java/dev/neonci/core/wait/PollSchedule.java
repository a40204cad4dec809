package dev.neonci.core.wait;

import java.time.Duration;
import java.util.Objects;

/**
 * When to poll an operation: fast at first, backing off, each poll at a fixed offset from the start of
 * the wait (so slow answers do not push later polls back).
 *
 * <p>The default: first poll after 100 ms, then intervals of 60 ms growing ×1.7, capped by the larger
 * of 600 ms and 20 % of the time already waited, and never above 2 s. Offsets:
 * 0.10, 0.16, 0.26, 0.44, 0.73, 1.23, 1.83, 2.43, 3.03, 3.63 s, … 5 s, 6.2 s, … then every 2 s.
 *
 * <p>Why: most Neon operations take from a few hundred ms to a few s. Noticing the end quickly is what
 * makes a CI step fast, but every poll counts against the account's ~700 requests/minute, shared by
 * every concurrent build. The schedule gives (benchmarked against the emulator):
 * an operation of 0.2 s is seen after 3-4 polls with ≤ 100 ms lag; 1 s after 6-7 polls, lag ≤ 250 ms;
 * 3 s after 9-10 polls, lag ≤ 600 ms. The lag stays below ~20 % of the wait, and a long wait costs at
 * most 30 requests per minute.
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
        private Duration firstPoll = Duration.ofMillis(100);
        private Duration initialInterval = Duration.ofMillis(60);
        private double factor = 1.7;
        private Duration steadyInterval = Duration.ofMillis(600);
        private double proportion = 0.2;
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
