package dev.neonci.emulator.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses request bodies into specs, answering 400 for malformed or mistyped input. */
final class RequestBodies {

    private RequestBodies() {
    }

    static JsonObject object(String body, boolean required) {
        if (body == null || body.isBlank()) {
            if (required) {
                throw ApiError.badRequest("request body is required");
            }
            return new JsonObject();
        }
        try {
            JsonElement parsed = JsonParser.parseString(body);
            if (!parsed.isJsonObject()) {
                throw ApiError.badRequest("request body must be a JSON object");
            }
            return parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw ApiError.badRequest("request body is not valid JSON");
        }
    }

    static BranchSpec branchSpec(String body) {
        JsonObject root = object(body, false);
        JsonObject branch = optionalObject(root, "branch");
        List<EndpointSpec> endpoints = new ArrayList<>();
        if (root.has("endpoints") && !root.get("endpoints").isJsonNull()) {
            if (!root.get("endpoints").isJsonArray()) {
                throw ApiError.badRequest("endpoints must be an array");
            }
            for (JsonElement item : root.getAsJsonArray("endpoints")) {
                if (!item.isJsonObject()) {
                    throw ApiError.badRequest("endpoints items must be objects");
                }
                endpoints.add(endpointSpec(item.getAsJsonObject()));
            }
        }
        Map<String, String> annotation = new LinkedHashMap<>();
        JsonObject annotationValue = optionalObject(root, "annotation_value");
        for (Map.Entry<String, JsonElement> entry : annotationValue.entrySet()) {
            if (!entry.getValue().isJsonPrimitive() || !entry.getValue().getAsJsonPrimitive().isString()) {
                throw ApiError.badRequest("annotation_value values must be strings");
            }
            annotation.put(entry.getKey(), entry.getValue().getAsString());
        }
        if (annotation.size() > 50) {
            throw ApiError.badRequest("annotation_value allows at most 50 properties");
        }
        String expiresAt = string(branch, "expires_at");
        String parentTimestamp = string(branch, "parent_timestamp");
        if (parentTimestamp != null) {
            timestamp(parentTimestamp, "parent_timestamp");
        }
        String parentId = string(branch, "parent_id");
        if (parentId != null) {
            PathIds.require(parentId, "parent_id");
        }
        return new BranchSpec(string(branch, "name"), parentId, string(branch, "parent_lsn"), parentTimestamp,
                string(branch, "init_source"), expiresAt == null ? null : timestamp(expiresAt, "expires_at"),
                bool(branch, "protected"), endpoints, annotation);
    }

    static BranchPatch branchPatch(String body) {
        JsonObject root = object(body, true);
        if (!root.has("branch") || !root.get("branch").isJsonObject()) {
            throw ApiError.badRequest("branch is required");
        }
        JsonObject branch = root.getAsJsonObject("branch");
        JsonElement protectedFlag = branch.get("protected");
        if (protectedFlag != null && !protectedFlag.isJsonNull()
                && !(protectedFlag.isJsonPrimitive() && protectedFlag.getAsJsonPrimitive().isBoolean())) {
            throw ApiError.badRequest("protected must be a boolean");
        }
        boolean expiresAtGiven = branch.has("expires_at");
        String expiresAt = string(branch, "expires_at");
        return new BranchPatch(string(branch, "name"),
                protectedFlag == null || protectedFlag.isJsonNull() ? null : protectedFlag.getAsBoolean(),
                expiresAtGiven, expiresAt == null ? null : timestamp(expiresAt, "expires_at"));
    }

    static EndpointSpec endpointSpec(JsonObject endpoint) {
        return new EndpointSpec(string(endpoint, "type"), number(endpoint, "autoscaling_limit_min_cu"),
                number(endpoint, "autoscaling_limit_max_cu"), integer(endpoint, "suspend_timeout_seconds"));
    }

    static JsonObject optionalObject(JsonObject parent, String name) {
        JsonElement value = parent.get(name);
        if (value == null || value.isJsonNull()) {
            return new JsonObject();
        }
        if (!value.isJsonObject()) {
            throw ApiError.badRequest(name + " must be an object");
        }
        return value.getAsJsonObject();
    }

    static String string(JsonObject parent, String name) {
        JsonElement value = parent.get(name);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw ApiError.badRequest(name + " must be a string");
        }
        return value.getAsString();
    }

    private static boolean bool(JsonObject parent, String name) {
        JsonElement value = parent.get(name);
        if (value == null || value.isJsonNull()) {
            return false;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw ApiError.badRequest(name + " must be a boolean");
        }
        return value.getAsBoolean();
    }

    private static Double number(JsonObject parent, String name) {
        JsonElement value = parent.get(name);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw ApiError.badRequest(name + " must be a number");
        }
        return value.getAsDouble();
    }

    private static Long integer(JsonObject parent, String name) {
        Double number = number(parent, name);
        if (number == null) {
            return null;
        }
        if (number != Math.rint(number)) {
            throw ApiError.badRequest(name + " must be an integer");
        }
        return number.longValue();
    }

    /** RFC 3339 with a zone offset, as Neon requires. */
    private static Instant timestamp(String value, String name) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + " must be an RFC 3339 timestamp with a time zone");
        }
    }
}
