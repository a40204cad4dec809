package dev.neonci.emulator.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * Renders store records as Neon API v2 JSON objects with the spec's field names and required keys.
 * Optional fields are omitted rather than sent as null (the spec marks none of them nullable).
 */
final class JsonViews {

    static final String REGION_ID = "aws-us-east-2";
    static final String REGION_HOST_SUFFIX = ".us-east-2.aws.neon.tech";

    private JsonViews() {
    }

    static JsonObject branch(BranchRecord branch, String currentState, Instant stateChangedAt) {
        JsonObject json = new JsonObject();
        json.addProperty("id", branch.id);
        json.addProperty("project_id", branch.projectId);
        if (branch.parentId != null) {
            json.addProperty("parent_id", branch.parentId);
            json.addProperty("parent_lsn", branch.parentLsn);
        }
        if (branch.parentTimestamp != null) {
            json.addProperty("parent_timestamp", branch.parentTimestamp);
        }
        json.addProperty("name", branch.name);
        json.addProperty("current_state", currentState);
        json.addProperty("state_changed_at", Timestamps.format(stateChangedAt));
        json.addProperty("logical_size", 30_000_000L);
        json.addProperty("creation_source", "console");
        json.addProperty("primary", branch.isDefault);
        json.addProperty("default", branch.isDefault);
        json.addProperty("protected", branch.isProtected);
        json.addProperty("cpu_used_sec", 0);
        json.addProperty("compute_time_seconds", 0);
        json.addProperty("active_time_seconds", 0);
        json.addProperty("written_data_bytes", 0);
        json.addProperty("data_transfer_bytes", 0);
        json.addProperty("created_at", Timestamps.format(branch.createdAt));
        json.addProperty("updated_at", Timestamps.format(branch.updatedAt));
        if (branch.expiresAt != null) {
            json.addProperty("expires_at", Timestamps.format(branch.expiresAt));
            Instant ttlStart = branch.lastResetAt != null ? branch.lastResetAt : branch.createdAt;
            json.addProperty("ttl_interval_seconds", Math.max(0, Duration.between(ttlStart, branch.expiresAt).getSeconds()));
        }
        if (branch.lastResetAt != null) {
            json.addProperty("last_reset_at", Timestamps.format(branch.lastResetAt));
        }
        if (branch.initSource != null) {
            json.addProperty("init_source", branch.initSource);
        }
        return json;
    }

    static JsonObject annotation(BranchRecord branch) {
        JsonObject object = new JsonObject();
        object.addProperty("type", "console/branch");
        object.addProperty("id", branch.id);
        JsonObject value = new JsonObject();
        branch.annotation.forEach(value::addProperty);
        JsonObject json = new JsonObject();
        json.add("object", object);
        json.add("value", value);
        json.addProperty("created_at", Timestamps.format(branch.createdAt));
        json.addProperty("updated_at", Timestamps.format(branch.updatedAt));
        return json;
    }

    static JsonObject endpoint(EndpointRecord endpoint, String currentState, Instant startedAt) {
        JsonObject json = new JsonObject();
        json.addProperty("host", endpoint.host);
        json.addProperty("id", endpoint.id);
        json.addProperty("project_id", endpoint.projectId);
        json.addProperty("branch_id", endpoint.branchId);
        json.addProperty("autoscaling_limit_min_cu", endpoint.minCu);
        json.addProperty("autoscaling_limit_max_cu", endpoint.maxCu);
        json.addProperty("region_id", REGION_ID);
        json.addProperty("type", endpoint.type);
        json.addProperty("current_state", currentState);
        json.add("settings", new JsonObject());
        json.addProperty("pooler_enabled", false);
        json.addProperty("pooler_mode", "transaction");
        json.addProperty("disabled", false);
        json.addProperty("passwordless_access", true);
        json.addProperty("creation_source", "console");
        json.addProperty("created_at", Timestamps.format(endpoint.createdAt));
        json.addProperty("updated_at", Timestamps.format(endpoint.updatedAt));
        if (startedAt != null) {
            json.addProperty("started_at", Timestamps.format(startedAt));
            json.addProperty("last_active", Timestamps.format(startedAt));
        }
        json.addProperty("proxy_host", REGION_HOST_SUFFIX.substring(1));
        json.addProperty("suspend_timeout_seconds", endpoint.suspendTimeoutSeconds);
        json.addProperty("provisioner", "k8s-neonvm");
        return json;
    }

    static JsonObject operation(OperationRecord operation, Instant now) {
        JsonObject json = new JsonObject();
        json.addProperty("id", operation.id());
        json.addProperty("project_id", operation.projectId());
        if (operation.branchId() != null) {
            json.addProperty("branch_id", operation.branchId());
        }
        if (operation.endpointId() != null) {
            json.addProperty("endpoint_id", operation.endpointId());
        }
        json.addProperty("action", operation.action());
        String status = operation.statusAt(now);
        json.addProperty("status", status);
        if ("failed".equals(status)) {
            json.addProperty("error", operation.failureError());
        }
        json.addProperty("failures_count", "failed".equals(status) ? 1 : 0);
        json.addProperty("created_at", Timestamps.format(operation.createdAt()));
        json.addProperty("updated_at", Timestamps.format(operation.updatedAt(now)));
        json.addProperty("total_duration_ms", operation.totalDurationMillisAt(now));
        return json;
    }

    /** A role; the password is never part of it (Neon reveals it only via reveal_password). */
    static JsonObject role(RoleRecord role) {
        JsonObject json = new JsonObject();
        json.addProperty("branch_id", role.branchId());
        json.addProperty("name", role.name());
        json.addProperty("protected", role.isProtected());
        json.addProperty("authentication_method", "password");
        json.addProperty("created_at", Timestamps.format(role.createdAt()));
        json.addProperty("updated_at", Timestamps.format(role.createdAt()));
        return json;
    }

    static JsonObject database(DatabaseRecord database) {
        JsonObject json = new JsonObject();
        json.addProperty("id", database.id());
        json.addProperty("branch_id", database.branchId());
        json.addProperty("name", database.name());
        json.addProperty("owner_name", database.ownerName());
        json.addProperty("created_at", Timestamps.format(database.createdAt()));
        json.addProperty("updated_at", Timestamps.format(database.createdAt()));
        return json;
    }

    static JsonObject connectionDetails(String uri, String database, String role, String password, String host) {
        JsonObject parameters = new JsonObject();
        parameters.addProperty("database", database);
        parameters.addProperty("password", password);
        parameters.addProperty("role", role);
        parameters.addProperty("host", host);
        parameters.addProperty("pooler_host", ConnectionUris.poolerHost(host));
        JsonObject json = new JsonObject();
        json.addProperty("connection_uri", uri);
        json.add("connection_parameters", parameters);
        return json;
    }

    static JsonArray array(Iterable<JsonObject> items) {
        JsonArray array = new JsonArray();
        items.forEach(array::add);
        return array;
    }
}
