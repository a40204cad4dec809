package dev.neonci.core.client;

/** HTTP 429: the account's request budget (about 700 per minute) is spent; retried until the deadline. */
public class NeonRateLimitException extends NeonApiException {

    public NeonRateLimitException(String message, String code, String neonMessage, String requestId) {
        super(message, 429, code, neonMessage, requestId);
    }
}
