package dev.neonci.core.ci;

import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.http.TransportSafety;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation of user input shared by both front ends. Each method takes the input's name as the front end
 * calls it ({@code project_id}, {@code expires_at}, …) and either returns the parsed value or throws an
 * {@link InvalidInputException} whose one-line message names that input, quotes the value (never for
 * secrets) and says what was expected, e.g.
 * {@code project_id: "Foo Bar" is not a valid Neon project id (expected ^[a-z0-9-]{1,60}$)}.
 *
 * <p>Surrounding whitespace is ignored everywhere (YAML and Groovy make it easy to add).
 */
public final class Inputs {

    public static final Pattern PROJECT_ID = Pattern.compile("^[a-z0-9-]{1,60}$");
    public static final int MAX_BRANCH_NAME = 256;
    public static final Duration MAX_EXPIRY = Duration.ofDays(30);
    public static final Duration MAX_TIMEOUT = Duration.ofHours(6);
    private static final Pattern DURATION = Pattern.compile("^(\\d{1,9})\\s*([smhdw]?)$");

    private Inputs() {
    }

    /** A Neon project id, e.g. {@code shiny-wind-028834}. */
    public static String projectId(String field, String value) {
        String v = required(field, value, "a Neon project id such as shiny-wind-028834");
        if (!PROJECT_ID.matcher(v).matches()) {
            throw invalid(field, v, "is not a valid Neon project id (expected ^[a-z0-9-]{1,60}$)");
        }
        return v;
    }

    /** A branch name: 1..256 characters, no control characters. */
    public static String branchName(String field, String value) {
        String v = required(field, value, "a branch name");
        if (v.length() > MAX_BRANCH_NAME) {
            throw new InvalidInputException(field, "is " + v.length() + " characters long (expected at most "
                    + MAX_BRANCH_NAME + ")");
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field, v, "contains control characters (expected a printable branch name)");
        }
        return v;
    }

    /**
     * An RFC 3339 timestamp with a zone ({@code 2026-06-09T18:02:16Z}, {@code …+02:00}), in the future and at
     * most 30 days ahead (Neon's limit); truncated to seconds (Neon's precision). Null or blank = no expiry.
     */
    public static Instant expiresAt(String field, String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Instant at;
        try {
            at = OffsetDateTime.parse(v).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw invalid(field, v, "is not an RFC 3339 timestamp with a time zone (expected e.g. 2026-06-09T18:02:16Z)");
        }
        Instant now = clock.instant();
        if (!at.isAfter(now)) {
            throw invalid(field, v, "is not in the future (now is " + now.truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        if (at.isAfter(now.plus(MAX_EXPIRY))) {
            throw invalid(field, v, "is more than 30 days ahead (Neon's limit for branch expiry)");
        }
        return at;
    }

    /** A timeout in whole seconds, 1..21600 (6 hours). */
    public static Duration timeout(String field, String value) {
        String v = required(field, value, "a number of seconds");
        long seconds;
        try {
            seconds = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(field, v, "is not a whole number of seconds (expected 1 to " + MAX_TIMEOUT.getSeconds() + ")");
        }
        if (seconds <= 0 || seconds > MAX_TIMEOUT.getSeconds()) {
            throw invalid(field, v, "is out of range (expected 1 to " + MAX_TIMEOUT.getSeconds() + " seconds)");
        }
        return Duration.ofSeconds(seconds);
    }

    /** The API base URL: https, or http only on loopback. Returned without a trailing slash. */
    public static String apiUrl(String field, String value) {
        String url = TransportSafety.checkBaseUrl(field, value).toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * An age or period: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 2w}, or a bare number of
     * seconds ({@code 3600}). Must be more than zero.
     */
    public static Duration duration(String field, String value) {
        String v = required(field, value, "a duration such as 7d, 12h, 30m or 3600");
        Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(field, v, "is not a duration (expected e.g. 7d, 12h, 30m, 45s or a number of seconds)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d;
        switch (m.group(2)) {
            case "w": d = Duration.ofDays(7 * n); break;
            case "d": d = Duration.ofDays(n); break;
            case "h": d = Duration.ofHours(n); break;
            case "m": d = Duration.ofMinutes(n); break;
            default: d = Duration.ofSeconds(n); break;
        }
        if (d.isZero()) {
            throw invalid(field, v, "must be more than zero");
        }
        return d;
    }

    /** The API key: only checked for presence. The value is never part of a message. */
    public static String apiKey(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is empty (expected a Neon API key)");
        }
        return value.trim();
    }

    /** Compute suspend timeout in seconds: -1 (never) .. 604800; null or blank = Neon's default. */
    public static Integer suspendTimeoutSeconds(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        int s;
        try {
            s = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(field, v, "is not a whole number of seconds (expected -1 to 604800)");
        }
        if (s < -1 || s > 604800) {
            throw invalid(field, v, "is out of range (expected -1 for never, 0 for Neon's default, or up to 604800)");
        }
        return s;
    }

    /** Compute units: 0.25 .. 56 in steps Neon accepts; null or blank = Neon's default. */
    public static Double computeUnits(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        double cu;
        try {
            cu = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw invalid(field, v, "is not a number of compute units (expected e.g. 0.25, 1, 2)");
        }
        if (!(cu >= 0.25) || cu > 56) {
            throw invalid(field, v, "is out of range (expected 0.25 to 56 compute units)");
        }
        return cu;
    }

    /** {@code true}/{@code false} (also yes/no, 1/0, case-insensitive); null or blank = {@code defaultValue}. */
    public static boolean bool(String field, String value, boolean defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "true": case "yes": case "1": return true;
            case "false": case "no": case "0": return false;
            default: throw invalid(field, value.trim(), "is not a boolean (expected true or false)");
        }
    }

    private static String required(String field, String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is empty (expected " + expected + ")");
        }
        return value.trim();
    }

    private static InvalidInputException invalid(String field, String value, String problem) {
        return new InvalidInputException(field, "\"" + quote(value) + "\" " + problem);
    }

    /** Keeps the message one line and bounded, whatever was typed. */
    private static String quote(String value) {
        String v = value.replaceAll("\\p{Cntrl}", "?").replace("\"", "\\\"");
        return v.length() > 100 ? v.substring(0, 100) + "..." : v;
    }
}
