package dev.neonci.core.client;

/** A Neon operation ended {@code failed}, {@code error} or {@code cancelled}. */
public class OperationFailedException extends NeonException {

    private final String operationId;
    private final String action;
    private final String status;
    private final String error;

    public OperationFailedException(String operationId, String action, String status, String error) {
        super("Neon operation " + action + " (" + operationId + ") ended " + status
                + (error == null || error.isBlank() ? "" : ": " + error));
        this.operationId = operationId;
        this.action = action;
        this.status = status;
        this.error = error;
    }

    public String operationId() {
        return operationId;
    }

    public String action() {
        return action;
    }

    public String status() {
        return status;
    }

    /** Neon's error text for the operation, or null. */
    public String error() {
        return error;
    }
}
