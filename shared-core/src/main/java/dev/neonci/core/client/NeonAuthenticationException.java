package dev.neonci.core.client;

/** HTTP 401: the API key is missing, invalid or revoked. The message never contains the key. */
public class NeonAuthenticationException extends NeonApiException {

    public static final String MESSAGE = "Neon rejected the API key (HTTP 401): it is missing, invalid or revoked";

    public NeonAuthenticationException(String code, String neonMessage, String requestId) {
        super(MESSAGE + (requestId == null ? "" : " (request id " + requestId + ")"),
                401, code, neonMessage, requestId);
    }
}
