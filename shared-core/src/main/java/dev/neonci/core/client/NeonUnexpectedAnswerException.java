package dev.neonci.core.client;

/**
 * Neon (or something in between) answered 2xx, but not with the documented JSON: malformed, a required
 * object or id missing, a field of the wrong type. The message names the request and its id, never the
 * body (it may hold a password). For a POST, {@link #mayHaveBeenApplied()} is true: a 2xx means Neon did it.
 */
public class NeonUnexpectedAnswerException extends NeonTransportException {

    public NeonUnexpectedAnswerException(String message, boolean mayHaveBeenApplied, String requestId, Throwable cause) {
        super(message, mayHaveBeenApplied, requestId, cause);
    }
}
