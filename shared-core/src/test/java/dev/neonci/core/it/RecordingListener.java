package dev.neonci.core.it;

import dev.neonci.core.lifecycle.ProgressListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every progress event as the line a front end would print. */
public final class RecordingListener implements ProgressListener {

    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<String> retries = new CopyOnWriteArrayList<>();
    public final List<String> waits = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void waiting(String action, String status, Duration elapsed) {
        waits.add(action + ":" + status);
        ProgressListener.super.waiting(action, status, elapsed);
    }

    @Override
    public void retrying(String reason, Duration delay) {
        retries.add(reason);
        ProgressListener.super.retrying(reason, delay);
    }

    public String all() {
        return String.join("\n", lines);
    }
}
