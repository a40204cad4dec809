package dev.neonci.core.client;

/** HTTP 404: the project, branch, role or operation does not exist (or the key cannot see it). */
public class NeonNotFoundException extends NeonApiException {

    public NeonNotFoundException(String message, String code, String neonMessage, String requestId) {
        super(message, 404, code, neonMessage, requestId);
    }
}
