package dev.neonci.emulator.internal;

/**
 * GeneralError {@code code} and default message per HTTP status.
 *
 * <p>Neon's spec types {@code code} as a free-form string (default ""), and the values real Neon sends
 * are not documented. The emulator uses readable upper-case names so test failures are clear;
 * clients should decide on the HTTP status, never on these codes.
 */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    public static String forStatus(int status) {
        switch (status) {
            case 400: return "BAD_REQUEST";
            case 401: return "UNAUTHORIZED";
            case 403: return "FORBIDDEN";
            case 404: return "NOT_FOUND";
            case 405: return "METHOD_NOT_ALLOWED";
            case 409: return "CONFLICT";
            case 412: return "PRECONDITION_FAILED";
            case 422: return "UNPROCESSABLE_ENTITY";
            case 423: return "LOCKED";
            case 429: return "TOO_MANY_REQUESTS";
            case 500: return "INTERNAL_ERROR";
            case 502: return "BAD_GATEWAY";
            case 503: return "SERVICE_UNAVAILABLE";
            case 504: return "GATEWAY_TIMEOUT";
            default: return status >= 500 ? "INTERNAL_ERROR" : "ERROR";
        }
    }

    public static String reason(int status) {
        switch (status) {
            case 400: return "bad request";
            case 401: return "authentication required";
            case 403: return "forbidden";
            case 404: return "not found";
            case 409: return "conflict";
            case 423: return "project already has running conflicting operations, scheduling of new ones is prohibited";
            case 429: return "too many requests";
            case 500: return "internal server error";
            case 502: return "bad gateway";
            case 503: return "service unavailable, please try again later";
            case 504: return "gateway timeout";
            default: return "injected error (HTTP " + status + ")";
        }
    }
}
