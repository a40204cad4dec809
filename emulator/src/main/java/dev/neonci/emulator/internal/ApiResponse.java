package dev.neonci.emulator.internal;

import com.google.gson.JsonElement;
import java.util.Map;

/**
 * What a route answers: a status, an optional JSON body (null = no body, e.g. 204) and extra headers.
 */
public record ApiResponse(int status, JsonElement body, Map<String, String> headers) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, JsonElement body) {
        return new ApiResponse(status, body, Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }
}
