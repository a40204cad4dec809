package io.jenkins.plugins.neonci.support;

import dev.neonci.core.lifecycle.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns the core's progress events into build log lines, e.g.
 * {@code [neon] waiting for create_timeline: running, 2.1 s}.
 *
 * <p>Jenkins-free on purpose: it only needs a {@link PrintStream} (a {@code TaskListener}'s logger in the
 * plugin). The core never puts a secret into an event, so nothing here needs masking.
 */
public final class LogProgressListener implements ProgressListener {

    /** Prefix of every line this plugin writes, so Neon progress is easy to find in a long log. */
    public static final String PREFIX = "[neon] ";

    private final PrintStream out;

    public LogProgressListener(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void info(String message) {
        out.println(PREFIX + message);
    }

    @Override
    public void waiting(String action, String status, Duration elapsed) {
        out.println(PREFIX + "waiting for " + action + ": " + status + ", " + seconds(elapsed));
    }

    @Override
    public void retrying(String reason, Duration delay) {
        out.println(PREFIX + reason + "; retrying in " + seconds(delay));
    }

    /** {@code 2.1 s}: one decimal, a dot whatever the controller's locale. */
    static String seconds(Duration d) {
        double s = (d == null ? 0L : d.toMillis()) / 1000.0;
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
