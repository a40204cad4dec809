package dev.neonci.emulator.internal;

import com.google.gson.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@code /api/v2/...} requests onto the {@link ProjectStore}: the subset of Neon API v2 that
 * neon-ci uses, with the spec's status codes (201 create, 200 delete with operations, 204 delete of an
 * unknown or deleted branch, 404 for unknown resources).
 */
public final class ApiRoutes {

    public static final String BASE_PATH = "/api/v2";

    private final ProjectStore store;

    public ApiRoutes(ProjectStore store) {
        this.store = store;
    }

    public ApiResponse handle(String method, String path, String rawQuery, String body) {
        if (!path.equals(BASE_PATH) && !path.startsWith(BASE_PATH + "/")) {
            throw ApiError.notFound("route");
        }
        List<String> s = segments(path.substring(BASE_PATH.length()));
        QueryParameters query = QueryParameters.parse(rawQuery);
        if (s.size() < 2 || !s.get(0).equals("projects")) {
            throw ApiError.notFound("route");
        }
        String projectId = PathIds.require(s.get(1), "project_id");
        store.requireProject(projectId);
        int n = s.size();

        if (n == 3 && s.get(2).equals("branches")) {
            switch (method) {
                case "GET": return ok(store.listBranches(branchQuery(query)));
                case "POST": return ApiResponse.json(201, store.createBranch(RequestBodies.branchSpec(body)));
                default: throw methodNotAllowed();
            }
        }
        if (n == 4 && s.get(2).equals("branches") && s.get(3).equals("count")) {
            requireMethod(method, "GET");
            return ok(store.countBranches(query.get("search")));
        }
        if (n >= 4 && s.get(2).equals("branches")) {
            String branchId = PathIds.require(s.get(3), "branch_id");
            if (n == 4) {
                switch (method) {
                    case "GET": return ok(store.getBranch(branchId));
                    case "PATCH": return ok(store.updateBranch(branchId, RequestBodies.branchPatch(body)));
                    case "DELETE":
                        return store.deleteBranch(branchId).map(ApiRoutes::ok).orElseGet(ApiResponse::noContent);
                    default: throw methodNotAllowed();
                }
            }
            String sub = s.get(4);
            if (n == 5 && sub.equals("restore")) {
                requireMethod(method, "POST");
                JsonObject request = RequestBodies.object(body, true);
                String source = RequestBodies.string(request, "source_branch_id");
                if (source == null) {
                    throw ApiError.badRequest("source_branch_id is required");
                }
                PathIds.require(source, "source_branch_id");
                return ok(store.restoreBranch(branchId, source, RequestBodies.string(request, "preserve_under_name")));
            }
            if (n == 5 && sub.equals("endpoints")) {
                requireMethod(method, "GET");
                return ok(store.listBranchEndpoints(branchId));
            }
            if (sub.equals("roles")) {
                requireMethod(method, "GET");
                if (n == 5) {
                    return ok(store.listRoles(branchId));
                }
                if (n == 6) {
                    return ok(store.getRole(branchId, s.get(5)));
                }
                if (n == 7 && s.get(6).equals("reveal_password")) {
                    return ok(store.revealPassword(branchId, s.get(5)));
                }
            }
            if (sub.equals("databases")) {
                requireMethod(method, "GET");
                if (n == 5) {
                    return ok(store.listDatabases(branchId));
                }
                if (n == 6) {
                    return ok(store.getDatabase(branchId, s.get(5)));
                }
            }
            throw ApiError.notFound("route");
        }
        if (n == 3 && s.get(2).equals("endpoints")) {
            switch (method) {
                case "GET": return ok(store.listEndpoints());
                case "POST": {
                    JsonObject endpoint = RequestBodies.optionalObject(RequestBodies.object(body, true), "endpoint");
                    String branchId = RequestBodies.string(endpoint, "branch_id");
                    if (branchId == null) {
                        throw ApiError.badRequest("endpoint.branch_id is required");
                    }
                    PathIds.require(branchId, "endpoint.branch_id");
                    return ApiResponse.json(201, store.createEndpoint(branchId, RequestBodies.endpointSpec(endpoint)));
                }
                default: throw methodNotAllowed();
            }
        }
        if (n == 4 && s.get(2).equals("endpoints")) {
            requireMethod(method, "GET");
            return ok(store.getEndpoint(PathIds.require(s.get(3), "endpoint_id")));
        }
        if (n == 3 && s.get(2).equals("operations")) {
            requireMethod(method, "GET");
            return ok(store.listOperations(query.get("cursor"), query.integer("limit", 1, 1000)));
        }
        if (n == 4 && s.get(2).equals("operations")) {
            requireMethod(method, "GET");
            return ok(store.getOperation(s.get(3)));
        }
        if (n == 3 && s.get(2).equals("connection_uri")) {
            requireMethod(method, "GET");
            String branchId = query.get("branch_id");
            String endpointId = query.get("endpoint_id");
            return ok(store.connectionUri(
                    branchId == null ? null : PathIds.require(branchId, "branch_id"),
                    endpointId == null ? null : PathIds.require(endpointId, "endpoint_id"),
                    query.required("database_name"), query.required("role_name"), query.bool("pooled", false)));
        }
        throw ApiError.notFound("route");
    }

    private static BranchQuery branchQuery(QueryParameters query) {
        return new BranchQuery(query.get("search"),
                query.oneOf("sort_by", "name", "created_at", "updated_at"),
                query.oneOf("sort_order", "asc", "desc"),
                query.get("cursor"),
                query.integer("limit", 1, 10_000),
                query.bool("include_deleted", false));
    }

    private static ApiResponse ok(JsonObject body) {
        return ApiResponse.json(200, body);
    }

    private static void requireMethod(String method, String expected) {
        if (!expected.equals(method)) {
            throw methodNotAllowed();
        }
    }

    private static ApiError methodNotAllowed() {
        return new ApiError(405, "method not allowed");
    }

    /** Splits and URL-decodes path segments, e.g. role names with spaces arrive as %20. */
    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }
}
