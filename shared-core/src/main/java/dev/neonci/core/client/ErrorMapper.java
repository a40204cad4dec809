package dev.neonci.core.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.neonci.core.http.CallContext;
import dev.neonci.core.http.RetryInterceptor;

/**
 * Turns a Neon error answer into the typed exception, with a one-line message that says what was asked
 * ({@code GET /projects/p/branches}), about what ({@code branch br-1 in project p}), what Neon said, and
 * the request id. Neon's own text is scrubbed of the API key (should it ever echo it) and shortened.
 */
final class ErrorMapper {

    private static final int MAX_NEON_MESSAGE = 300;

    private ErrorMapper() {
    }

    static NeonApiException map(int status, String body, String what, String subject, CallContext ctx, String apiKey) {
        String code = "";
        String neonMessage = "";
        String requestId = ctx.lastRequestId();
        try {
            JsonElement parsed = JsonParser.parseString(body);
            if (parsed.isJsonObject()) {
                JsonObject o = parsed.getAsJsonObject();
                code = string(o, "code");
                neonMessage = string(o, "message");
                String echoed = string(o, "request_id");
                if (requestId == null && !echoed.isEmpty()) {
                    requestId = echoed;
                }
            }
        } catch (RuntimeException notJson) {
            // Not a GeneralError (e.g. an HTML page from a proxy); the status has to speak for itself.
        }
        neonMessage = shorten(scrub(NeonException.oneLine(neonMessage), apiKey));
        String said = neonMessage.isEmpty() ? "" : ": " + neonMessage;
        String codePart = code.isEmpty() ? "" : " [" + shorten(scrub(code, apiKey)) + "]";
        String rid = NeonClient.requestIdSuffix(requestId);
        String attempts = ctx.attempts() > 1 ? "; gave up after " + ctx.attempts() + " attempts within the deadline" : "";
        switch (status) {
            case 401:
                return new NeonAuthenticationException(code, neonMessage, requestId);
            case 404:
                return new NeonNotFoundException("Neon: " + subject + " not found (HTTP 404 for " + what + ")"
                        + said + codePart + rid, code, neonMessage, requestId);
            case 423:
                return new NeonLockedException("Neon answered 423 Locked for " + what
                        + " (another operation is running on the project)" + said + codePart + attempts + rid,
                        code, neonMessage, requestId);
            case 429:
                return new NeonRateLimitException("Neon answered 429 Too Many Requests for " + what
                        + " (the account's request rate limit)" + said + codePart + attempts + rid,
                        code, neonMessage, requestId);
            case 403:
                return new NeonApiException("Neon answered 403 Forbidden for " + what + ": the API key may not access "
                        + subject + said + codePart + rid, status, code, neonMessage, requestId);
            default:
                String reason = RetryInterceptor.reason(status);
                return new NeonApiException("Neon answered HTTP " + status + (reason.isEmpty() ? "" : " " + reason)
                        + " for " + what + said + codePart + attempts + rid, status, code, neonMessage, requestId);
        }
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static String shorten(String s) {
        return s.length() <= MAX_NEON_MESSAGE ? s : s.substring(0, MAX_NEON_MESSAGE) + "...";
    }

    /**
     * Removes the API key from text that came from elsewhere (a server message, an exception message).
     * Keys shorter than 8 characters are not real Neon keys (those are long random tokens); replacing such a
     * short string would garble ordinary words instead.
     */
    static String scrub(String text, String apiKey) {
        if (text == null || apiKey == null || apiKey.length() < 8) {
            return text;
        }
        return text.replace(apiKey, "****");
    }
}
