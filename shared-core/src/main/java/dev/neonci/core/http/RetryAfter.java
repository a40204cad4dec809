package dev.neonci.core.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses a {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The delay the server asked for, relative to {@code now}; empty if the header is absent or
     * unparseable (then the caller's own backoff applies). A date in the past means "now" (zero).
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
