package dev.neonci.core.client;

import java.time.Duration;
import java.util.Locale;

/** Human durations for messages: "850 ms", "2.1 s", "4 min 5 s". */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.getSeconds();
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
    }
}
