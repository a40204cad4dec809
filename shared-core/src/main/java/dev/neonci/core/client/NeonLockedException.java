package dev.neonci.core.client;

/**
 * HTTP 423: another operation is running on the project. The client already retried it until the
 * deadline; seeing this means the project stayed locked for the whole budget.
 */
public class NeonLockedException extends NeonApiException {

    public NeonLockedException(String message, String code, String neonMessage, String requestId) {
        super(message, 423, code, neonMessage, requestId);
    }
}
