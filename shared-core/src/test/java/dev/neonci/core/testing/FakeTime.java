package dev.neonci.core.testing;

import dev.neonci.core.wait.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when something sleeps on it: retries and polls run instantly and deterministically. */
public final class FakeTime extends Clock implements Sleeper {

    private volatile Instant now;
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public FakeTime(Instant start) {
        this.now = start;
    }

    public FakeTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
