package dev.neonci.core.client;

import java.time.Duration;

/**
 * The caller's deadline passed. The message names what was being waited for, e.g. the operation id,
 * its action and its last status.
 */
public class NeonTimeoutException extends NeonException {

    private final Duration timeout;

    public NeonTimeoutException(String message, Duration timeout) {
        super(message);
        this.timeout = timeout;
    }

    public NeonTimeoutException(String message, Duration timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** The overall budget that ran out. */
    public Duration timeout() {
        return timeout;
    }
}
