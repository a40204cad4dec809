package dev.neonci.core.client;

/**
 * Root of every exception the core throws. Unchecked, because a CI step can do nothing useful with a
 * checked Neon failure except report it.
 *
 * <p>{@link #getMessage()} is always one line, safe to show to a user, and never contains the API key
 * or a password: front ends print it as is.
 */
public class NeonException extends RuntimeException {

    public NeonException(String message) {
        super(oneLine(message));
    }

    public NeonException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Collapses line breaks so that a message is always one log line (CI logs annotate per line). */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
