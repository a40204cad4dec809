package dev.neonci.emulator.internal;

/** An API failure answered as a GeneralError body with an HTTP status. */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiError(int status, String message) {
        this(status, ErrorCodes.forStatus(status), message);
    }

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, what + " not found");
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    public static ApiError locked() {
        return new ApiError(423, ErrorCodes.reason(423));
    }
}
