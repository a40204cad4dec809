package dev.neonci.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request the emulator received and what it answered. Immutable.
 * Header names are case-insensitive ({@link #headers()} is a case-insensitive sorted map).
 */
public final class RecordedRequest {

    /** {@link #status()} when no HTTP response was sent (the connection was dropped). */
    public static final int NO_RESPONSE = 0;

    private final Instant timestamp;
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final String body;
    private final int status;
    private final Map<String, List<String>> responseHeaders;
    private final String responseBody;
    private final Fault fault;

    public RecordedRequest(Instant timestamp, String method, String path, String query,
                           Map<String, List<String>> headers, String body, int status,
                           Map<String, List<String>> responseHeaders, String responseBody, Fault fault) {
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.query = query == null ? "" : query;
        this.headers = copy(headers);
        this.body = body == null ? "" : body;
        this.status = status;
        this.responseHeaders = copy(responseHeaders);
        this.responseBody = responseBody == null ? "" : responseBody;
        this.fault = fault;
    }

    public Instant timestamp() {
        return timestamp;
    }

    /** Upper-case HTTP method. */
    public String method() {
        return method;
    }

    /** Raw path as sent, without query, e.g. {@code /api/v2/projects/p-1/branches}. */
    public String path() {
        return path;
    }

    /** Raw (still URL-encoded) query string without '?', or "" if none. */
    public String query() {
        return query;
    }

    /** Request headers, case-insensitive names. Contains the Authorization header as sent: never print it. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** First value of a request header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Request body as UTF-8 text, or "" if none. */
    public String body() {
        return body;
    }

    /** HTTP status answered, or {@link #NO_RESPONSE} if the connection was dropped instead. */
    public int status() {
        return status;
    }

    /** Response headers, case-insensitive names (empty if no response was sent). */
    public Map<String, List<String>> responseHeaders() {
        return responseHeaders;
    }

    /** First value of a response header, or null. */
    public String responseHeader(String name) {
        List<String> values = responseHeaders.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Response body as UTF-8 text ("" for 204 or no response). */
    public String responseBody() {
        return responseBody;
    }

    /** The fault injected into this request, or null if it was served normally. */
    public Fault fault() {
        return fault;
    }

    /** Path plus "?query" when there is one. */
    public String pathAndQuery() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** Method, path, query and status only: never headers or bodies (they can hold secrets). */
    @Override
    public String toString() {
        return method + " " + pathAndQuery() + " -> " + (status == NO_RESPONSE ? "no response" : status)
                + (fault == null ? "" : " [fault: " + fault + "]");
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> source) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (source != null) {
            source.forEach((name, values) -> {
                if (name != null) {
                    copy.put(name, List.copyOf(values));
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }
}
