package dev.neonci.emulator;

import dev.neonci.emulator.internal.ErrorCodes;
import java.time.Duration;
import java.util.Objects;

/**
 * One misbehaviour the emulator can inject into a request (see {@link Faults#next}).
 * Immutable; build with the static factories, refine with the {@code with...} methods.
 */
public final class Fault {

    /** What the emulator does instead of (or around) answering normally. */
    public enum Kind {
        /** Answer with {@link #status()} and a GeneralError body; the request is NOT applied. */
        STATUS,
        /** Drop the TCP connection before handling; the request is NOT applied. */
        RESET_BEFORE_HANDLING,
        /** Apply the request, then drop the TCP connection without sending any response. */
        RESET_AFTER_HANDLING,
        /** Wait {@link #delay()} before handling, then answer normally. */
        DELAY_BEFORE_HANDLING,
        /** Apply the request, wait {@link #delay()}, then answer normally (provokes client read timeouts). */
        DELAY_AFTER_HANDLING,
        /** Apply the request and answer with its real status but a body that is not valid JSON. */
        MALFORMED_JSON
    }

    private final Kind kind;
    private final int status;
    private final String code;
    private final String message;
    private final String retryAfter;
    private final Duration delay;

    private Fault(Kind kind, int status, String code, String message, String retryAfter, Duration delay) {
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.message = message;
        this.retryAfter = retryAfter;
        this.delay = delay;
    }

    /** Answers {@code status} with a GeneralError body; the request is not applied. */
    public static Fault status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        return new Fault(Kind.STATUS, status, ErrorCodes.forStatus(status), ErrorCodes.reason(status), null, Duration.ZERO);
    }

    /** Drops the connection before the request is handled (nothing changes on the server). */
    public static Fault resetBeforeHandling() {
        return new Fault(Kind.RESET_BEFORE_HANDLING, 0, null, null, null, Duration.ZERO);
    }

    /** Handles the request (e.g. the branch IS created), then drops the connection without a response. */
    public static Fault resetAfterHandling() {
        return new Fault(Kind.RESET_AFTER_HANDLING, 0, null, null, null, Duration.ZERO);
    }

    /** Waits before handling the request, then answers normally. */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY_BEFORE_HANDLING, 0, null, null, null, requirePositive(delay));
    }

    /** Handles the request, then waits before answering (the change is applied even if the client gives up). */
    public static Fault delayAfterHandling(Duration delay) {
        return new Fault(Kind.DELAY_AFTER_HANDLING, 0, null, null, null, requirePositive(delay));
    }

    /** Handles the request, then answers its real status with a truncated, unparseable JSON body. */
    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 0, null, null, null, Duration.ZERO);
    }

    /** Adds a {@code Retry-After} header (only meaningful for {@link Kind#STATUS}). */
    public Fault withRetryAfter(String retryAfter) {
        requireKind(Kind.STATUS, "withRetryAfter");
        return new Fault(kind, status, code, message, Objects.requireNonNull(retryAfter, "retryAfter"), delay);
    }

    /** Overrides the GeneralError {@code code} (only for {@link Kind#STATUS}). */
    public Fault withCode(String code) {
        requireKind(Kind.STATUS, "withCode");
        return new Fault(kind, status, Objects.requireNonNull(code, "code"), message, retryAfter, delay);
    }

    /** Overrides the GeneralError {@code message} (only for {@link Kind#STATUS}). */
    public Fault withMessage(String message) {
        requireKind(Kind.STATUS, "withMessage");
        return new Fault(kind, status, code, Objects.requireNonNull(message, "message"), retryAfter, delay);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#STATUS}, 0 otherwise. */
    public int status() {
        return status;
    }

    /** GeneralError code for {@link Kind#STATUS}, null otherwise. */
    public String code() {
        return code;
    }

    /** GeneralError message for {@link Kind#STATUS}, null otherwise. */
    public String message() {
        return message;
    }

    /** Retry-After header value, or null. */
    public String retryAfter() {
        return retryAfter;
    }

    /** Delay for the delay kinds, zero otherwise. */
    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        switch (kind) {
            case STATUS:
                return "status " + status + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")");
            case DELAY_BEFORE_HANDLING:
            case DELAY_AFTER_HANDLING:
                return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + delay.toMillis() + " ms";
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private void requireKind(Kind expected, String method) {
        if (kind != expected) {
            throw new IllegalStateException(method + " only applies to a status fault, not " + kind);
        }
    }

    private static Duration requirePositive(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("delay must be positive: " + delay);
        }
        return delay;
    }
}
