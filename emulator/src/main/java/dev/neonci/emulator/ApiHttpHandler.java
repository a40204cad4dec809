package dev.neonci.emulator;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.neonci.emulator.internal.ApiError;
import dev.neonci.emulator.internal.ApiResponse;
import dev.neonci.emulator.internal.ApiRoutes;
import dev.neonci.emulator.internal.RateLimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The HTTP front of the emulator: records every exchange, applies armed {@link Fault}s, then the rate
 * limit, bearer authentication and the API routes, and answers errors as GeneralError JSON.
 */
final class ApiHttpHandler implements HttpHandler {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final ApiRoutes routes;
    private final Set<String> apiKeys;
    private final RateLimiter rateLimiter;
    private final Faults faults;
    private final RequestLog requestLog;
    private final Clock clock;

    ApiHttpHandler(ApiRoutes routes, Set<String> apiKeys, RateLimiter rateLimiter, Faults faults,
                   RequestLog requestLog, Clock clock) {
        this.routes = routes;
        this.apiKeys = Set.copyOf(apiKeys);
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.requestLog = requestLog;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Instant received = clock.instant();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = exchange.getRequestHeaders();
            String requestId = Optional.ofNullable(headers.get("X-Request-ID")).filter(v -> !v.isEmpty())
                    .map(v -> v.get(0)).orElseGet(() -> UUID.randomUUID().toString());
            Fault fault = faults.take(method, path).orElse(null);
            Fault.Kind kind = fault == null ? null : fault.kind();

            if (kind == Fault.Kind.RESET_BEFORE_HANDLING) {
                requestLog.record(new RecordedRequest(received, method, path, query, headers, body,
                        RecordedRequest.NO_RESPONSE, Map.of(), null, fault));
                dropConnection(exchange);
                return;
            }
            if (kind == Fault.Kind.DELAY_BEFORE_HANDLING) {
                sleep(fault.delay());
            }
            ApiResponse response = kind == Fault.Kind.STATUS
                    ? injectedError(fault, requestId)
                    : serve(method, path, query, body, headers, requestId);
            if (kind == Fault.Kind.RESET_AFTER_HANDLING) {
                requestLog.record(new RecordedRequest(received, method, path, query, headers, body,
                        RecordedRequest.NO_RESPONSE, Map.of(), null, fault));
                dropConnection(exchange);
                return;
            }
            if (kind == Fault.Kind.DELAY_AFTER_HANDLING) {
                sleep(fault.delay());
            }
            int status = response.status();
            String text = response.body() == null ? "" : GSON.toJson(response.body());
            if (kind == Fault.Kind.MALFORMED_JSON) {
                // Cut the document in half, as a broken proxy or deployment might; a body-less answer
                // becomes 200 with a lone fragment, so there is always something unparseable to read.
                status = text.isEmpty() ? 200 : status;
                text = text.isEmpty() ? "{\"" : text.substring(0, Math.max(1, text.length() / 2));
            }
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
            if (!text.isEmpty()) {
                responseHeaders.put("Content-Type", List.of("application/json"));
            }
            responseHeaders.put("X-Request-ID", List.of(requestId));
            response.headers().forEach((name, value) -> responseHeaders.put(name, List.of(value)));
            // Record before answering, so a test that has just read the response always finds its entry.
            requestLog.record(new RecordedRequest(received, method, path, query, headers, body, status,
                    responseHeaders, text, fault));
            send(exchange, status, responseHeaders, text);
        } finally {
            exchange.close();
        }
    }

    private static ApiResponse injectedError(Fault fault, String requestId) {
        Map<String, String> headers = fault.retryAfter() == null ? Map.of() : Map.of("Retry-After", fault.retryAfter());
        return new ApiResponse(fault.status(), error(requestId, fault.code(), fault.message()), headers);
    }

    private ApiResponse serve(String method, String path, String query, String body, Map<String, List<String>> headers,
                              String requestId) {
        OptionalLong retryAfter = rateLimiter.tryAcquire();
        if (retryAfter.isPresent()) {
            return new ApiResponse(429, error(requestId, "TOO_MANY_REQUESTS", "rate limit exceeded, retry later"),
                    Map.of("Retry-After", Long.toString(retryAfter.getAsLong())));
        }
        List<String> authorization = headers.get("Authorization");
        if (authorization == null || authorization.isEmpty() || !authorized(authorization.get(0))) {
            return ApiResponse.json(401, error(requestId, "UNAUTHORIZED", "authentication required"));
        }
        try {
            return routes.handle(method, path, query, body);
        } catch (ApiError e) {
            return ApiResponse.json(e.status(), error(requestId, e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            return ApiResponse.json(500, error(requestId, "INTERNAL_ERROR", "emulator error: " + e));
        }
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return apiKeys.contains(authorization.substring(7).trim());
    }

    private static JsonObject error(String requestId, String code, String message) {
        JsonObject json = new JsonObject();
        json.addProperty("request_id", requestId);
        json.addProperty("code", code);
        json.addProperty("message", message);
        return json;
    }

    private static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, String text)
            throws IOException {
        headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        boolean bodyless = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, bodyless ? -1 : bytes.length);
        if (!bodyless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Closes the TCP connection without any response. The JDK server closes the underlying socket
     * when an exchange is closed before response headers were sent, so the client reads EOF and
     * fails with an I/O error (no status line at all).
     */
    private static void dropConnection(HttpExchange exchange) {
        exchange.close();
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
