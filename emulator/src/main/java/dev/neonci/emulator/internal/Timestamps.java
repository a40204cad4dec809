package dev.neonci.emulator.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps the way Neon writes them: UTC, second precision, e.g. "2022-11-23T17:42:25Z". */
final class Timestamps {

    private Timestamps() {
    }

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
