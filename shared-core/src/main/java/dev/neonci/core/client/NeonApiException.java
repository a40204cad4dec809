package dev.neonci.core.client;

/**
 * Neon answered with an error status. Carries the HTTP status, Neon's {@code code} and {@code message}
 * (from its {@code GeneralError} body) and the request id, so that a user can quote it to Neon support.
 */
public class NeonApiException extends NeonException {

    private final int status;
    private final String code;
    private final String neonMessage;
    private final String requestId;

    public NeonApiException(String message, int status, String code, String neonMessage, String requestId) {
        super(message);
        this.status = status;
        this.code = code == null ? "" : code;
        this.neonMessage = neonMessage == null ? "" : neonMessage;
        this.requestId = requestId;
    }

    /** The HTTP status code, e.g. 404. */
    public int status() {
        return status;
    }

    /** Neon's machine-readable error code; free-form and often empty. */
    public String code() {
        return code;
    }

    /** Neon's own message, one line; empty if the body was not a {@code GeneralError}. */
    public String neonMessage() {
        return neonMessage;
    }

    /** The X-Request-ID of the failed request (ours, echoed by Neon), or null. */
    public String requestId() {
        return requestId;
    }
}
