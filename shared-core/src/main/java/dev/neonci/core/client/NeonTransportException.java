package dev.neonci.core.client;

/**
 * No HTTP answer: connection refused, reset, read timeout, TLS failure, or a body that is not the JSON
 * Neon documents.
 *
 * <p>{@link #mayHaveBeenApplied()} tells a caller whether a non-idempotent request (POST) may have
 * reached Neon and taken effect anyway: the request was sent, then the answer was lost. Such a request
 * is never re-sent blindly; the lifecycle looks at the server state instead.
 */
public class NeonTransportException extends NeonException {

    private final boolean mayHaveBeenApplied;
    private final String requestId;

    public NeonTransportException(String message, boolean mayHaveBeenApplied, String requestId, Throwable cause) {
        super(message, cause);
        this.mayHaveBeenApplied = mayHaveBeenApplied;
        this.requestId = requestId;
    }

    public boolean mayHaveBeenApplied() {
        return mayHaveBeenApplied;
    }

    public String requestId() {
        return requestId;
    }
}
