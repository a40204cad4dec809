package dev.neonci.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route over real HTTP with operations finishing at once; every response is spec-validated afterwards. */
class RoutesTest extends EmulatorTestSupport {

    @BeforeEach
    void startEmulator() {
        start(NeonEmulator.builder().operationDuration(Duration.ZERO));
    }

    @Test
    void defaultProjectHasMainBranchWithOwnerRoleDatabaseAndReadWriteEndpoint() throws Exception {
        JsonArray branches = api.get("/branches").json().getAsJsonArray("branches");
        assertEquals(1, branches.size());
        JsonObject main = branches.get(0).getAsJsonObject();
        assertEquals("main", field(main, "name"));
        assertEquals(emulator.defaultBranchId(), field(main, "id"));
        assertTrue(main.get("default").getAsBoolean());
        assertFalse(main.get("protected").getAsBoolean());
        assertEquals("ready", field(main, "current_state"));

        String mainId = emulator.defaultBranchId();
        JsonObject role = api.get("/branches/" + mainId + "/roles").json().getAsJsonArray("roles").get(0).getAsJsonObject();
        assertEquals("neondb_owner", field(role, "name"));
        assertFalse(role.has("password"), "role listings never carry the password");
        JsonObject database = api.get("/branches/" + mainId + "/databases").json().getAsJsonArray("databases").get(0).getAsJsonObject();
        assertEquals("neondb", field(database, "name"));
        assertEquals("neondb_owner", field(database, "owner_name"));
        JsonObject endpoint = api.get("/branches/" + mainId + "/endpoints").json().getAsJsonArray("endpoints").get(0).getAsJsonObject();
        assertEquals("read_write", field(endpoint, "type"));
        assertEquals("active", field(endpoint, "current_state"));
        assertTrue(field(endpoint, "host").matches("ep-[a-z]+-[a-z]+-[0-9a-f]{8}\\.us-east-2\\.aws\\.neon\\.tech"), field(endpoint, "host"));
    }

    @Test
    void createBranchWithEndpointAnswers201WithEverythingNeonReturns() throws Exception {
        Instant expires = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Reply reply = api.post("/branches", "{\"branch\":{\"name\":\"ci/job/42\",\"expires_at\":\"" + expires
                + "\",\"init_source\":\"schema-only\"},\"endpoints\":[{\"type\":\"read_write\",\"autoscaling_limit_min_cu\":0.5,"
                + "\"autoscaling_limit_max_cu\":1,\"suspend_timeout_seconds\":300}],"
                + "\"annotation_value\":{\"github-pr-number\":\"42\"}}");

        assertEquals(201, reply.status(), reply.body());
        JsonObject body = reply.json();
        JsonObject branch = body.getAsJsonObject("branch");
        assertEquals("ci/job/42", field(branch, "name"));
        assertEquals(emulator.defaultBranchId(), field(branch, "parent_id"));
        assertEquals(expires.toString(), field(branch, "expires_at"));
        assertEquals("schema-only", field(branch, "init_source"));
        assertTrue(field(branch, "id").startsWith("br-"));

        JsonObject endpoint = body.getAsJsonArray("endpoints").get(0).getAsJsonObject();
        assertEquals(field(branch, "id"), field(endpoint, "branch_id"));
        assertEquals(0.5, endpoint.get("autoscaling_limit_min_cu").getAsDouble());
        assertEquals(1.0, endpoint.get("autoscaling_limit_max_cu").getAsDouble());
        assertEquals(300, endpoint.get("suspend_timeout_seconds").getAsInt());

        JsonArray operations = body.getAsJsonArray("operations");
        assertEquals("create_branch", field(operations.get(0).getAsJsonObject(), "action"));
        assertEquals("start_compute", field(operations.get(1).getAsJsonObject(), "action"));
        assertEquals(field(endpoint, "id"), field(operations.get(1).getAsJsonObject(), "endpoint_id"));
        assertEquals("neondb_owner", field(body.getAsJsonArray("roles").get(0).getAsJsonObject(), "name"));
        assertEquals("neondb", field(body.getAsJsonArray("databases").get(0).getAsJsonObject(), "name"));

        JsonObject connection = body.getAsJsonArray("connection_uris").get(0).getAsJsonObject();
        JsonObject parameters = connection.getAsJsonObject("connection_parameters");
        String host = field(endpoint, "host");
        assertEquals(host, field(parameters, "host"));
        assertEquals(host.replaceFirst("\\.", "-pooler."), field(parameters, "pooler_host"));
        String password = api.get("/branches/" + field(branch, "id") + "/roles/neondb_owner/reveal_password").json().get("password").getAsString();
        // assertTrue, not assertEquals: a failure must not print the password.
        assertTrue(password.equals(field(parameters, "password")), "connection_parameters.password differs from reveal_password");
        assertTrue(("postgresql://neondb_owner:" + password + "@" + host + "/neondb?sslmode=require&channel_binding=require")
                .equals(field(connection, "connection_uri")), "connection_uri is not the documented format");

        JsonObject fetched = api.get("/branches/" + field(branch, "id")).json();
        assertEquals("42", fetched.getAsJsonObject("annotation").getAsJsonObject("value").get("github-pr-number").getAsString());
    }

    @Test
    void createBranchWithoutEndpointsCreatesNoCompute() throws Exception {
        ApiClient.Reply reply = api.post("/branches", "{\"branch\":{\"name\":\"no-compute\"}}");
        assertEquals(201, reply.status());
        assertEquals(0, reply.json().getAsJsonArray("endpoints").size());
        assertEquals(1, reply.json().getAsJsonArray("operations").size());
        assertFalse(reply.json().has("connection_uris"), "no endpoint, so no connection URI");
        String id = field(reply.object("branch"), "id");
        assertEquals(0, api.get("/branches/" + id + "/endpoints").json().getAsJsonArray("endpoints").size());
    }

    @Test
    void createBranchWithoutBodyGetsAGeneratedName() throws Exception {
        ApiClient.Reply reply = api.send("POST", "/branches", null);
        assertEquals(201, reply.status(), reply.body());
        JsonObject branch = reply.object("branch");
        assertEquals(field(branch, "id"), field(branch, "name"));
    }

    @Test
    void duplicateNameIsRejectedWithAlreadyExists() throws Exception {
        createBranch("dup", false);
        ApiClient.Reply reply = api.post("/branches", "{\"branch\":{\"name\":\"dup\"}}");
        assertEquals(409, reply.status());
        assertTrue(field(reply.json(), "message").contains("already exists"), reply.body());
    }

    @Test
    void invalidCreateRequestsAnswer400() throws Exception {
        assertEquals(400, api.post("/branches", "{not json").status());
        assertEquals(400, api.post("/branches", "{\"endpoints\":[{\"type\":\"read_write\",\"autoscaling_limit_min_cu\":0.1}]}").status());
        assertEquals(400, api.post("/branches", "{\"branch\":{\"expires_at\":\"2020-01-01T00:00:00Z\"}}").status());
        assertEquals(400, api.post("/branches", "{\"branch\":{\"expires_at\":\"" + Instant.now().plus(31, ChronoUnit.DAYS) + "\"}}").status());
        assertEquals(400, api.post("/branches", "{\"branch\":{\"expires_at\":\"2030-01-01T00:00:00\"}}").status(), "zone required");
        assertEquals(400, api.post("/branches", "{\"branch\":{\"init_source\":\"everything\"}}").status());
        assertEquals(1, emulator.branches(emulator.projectId()).size(), "nothing was created");
    }

    @Test
    void createBranchFromAnotherParent() throws Exception {
        String parent = createBranch("parent", false);
        ApiClient.Reply reply = api.post("/branches", "{\"branch\":{\"name\":\"child\",\"parent_id\":\"" + parent + "\"}}");
        assertEquals(201, reply.status());
        assertEquals(parent, field(reply.object("branch"), "parent_id"));
        assertEquals(404, api.post("/branches", "{\"branch\":{\"name\":\"orphan\",\"parent_id\":\"br-missing-1\"}}").status());
    }

    @Test
    void getUnknownBranchOrProjectAnswers404GeneralError() throws Exception {
        ApiClient.Reply branch = api.get("/branches/br-does-not-exist");
        assertEquals(404, branch.status());
        assertNotNull(branch.json().get("message"));
        assertNotNull(branch.json().get("code"));
        assertEquals(404, api.get("/api/v2/projects/other-project/branches").status());
        assertEquals(404, api.get("/branches/" + emulator.defaultBranchId() + "/roles/nobody").status());
        assertEquals(404, api.get("/branches/" + emulator.defaultBranchId() + "/roles/nobody/reveal_password").status());
        assertEquals(404, api.get("/branches/" + emulator.defaultBranchId() + "/databases/nothing").status());
        assertEquals(404, api.get("/endpoints/ep-none-1").status());
        assertEquals(404, api.get("/operations/00000000-0000-0000-0000-000000000000").status());
    }

    @Test
    void deleteAnswers200WithOperationsThen204AndGetAnswers404() throws Exception {
        String id = createBranch("to-delete", true);
        ApiClient.Reply deleted = api.delete("/branches/" + id);
        assertEquals(200, deleted.status());
        assertEquals(id, field(deleted.object("branch"), "id"));
        JsonArray operations = deleted.json().getAsJsonArray("operations");
        assertEquals("suspend_compute", field(operations.get(0).getAsJsonObject(), "action"));
        assertEquals("delete_timeline", field(operations.get(1).getAsJsonObject(), "action"));

        assertEquals(204, api.delete("/branches/" + id).status(), "already deleted");
        assertEquals(204, api.delete("/branches/br-never-existed-1").status(), "unknown");
        assertEquals(404, api.get("/branches/" + id).status());
        assertTrue(emulator.branches(emulator.projectId()).stream().anyMatch(b -> b.id().equals(id) && b.deleted()));
        assertEquals(1, api.get("/endpoints").json().getAsJsonArray("endpoints").size(), "its endpoint went with it");
    }

    @Test
    void defaultBranchAndParentsCannotBeDeleted() throws Exception {
        assertEquals(400, api.delete("/branches/" + emulator.defaultBranchId()).status());
        String parent = createBranch("parent", false);
        api.post("/branches", "{\"branch\":{\"name\":\"child\",\"parent_id\":\"" + parent + "\"}}");
        assertEquals(400, api.delete("/branches/" + parent).status());
    }

    @Test
    void restoreFromParentAnswersBranchAndOperations() throws Exception {
        String id = createBranch("to-reset", true);
        ApiClient.Reply reply = api.post("/branches/" + id + "/restore",
                "{\"source_branch_id\":\"" + emulator.defaultBranchId() + "\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(id, field(reply.object("branch"), "id"));
        assertTrue(reply.object("branch").has("last_reset_at"));
        JsonArray operations = reply.json().getAsJsonArray("operations");
        assertEquals("create_timeline", field(operations.get(0).getAsJsonObject(), "action"));
        assertEquals("start_compute", field(operations.get(1).getAsJsonObject(), "action"));
        assertEquals("ready", field(api.get("/branches/" + id).object("branch"), "current_state"));

        assertEquals(400, api.post("/branches/" + id + "/restore", "{}").status(), "source_branch_id is required");
        assertEquals(404, api.post("/branches/br-missing-1/restore",
                "{\"source_branch_id\":\"" + emulator.defaultBranchId() + "\"}").status());
    }

    @Test
    void updateBranchRenamesAndSetsOrRemovesExpiry() throws Exception {
        String id = createBranch("before", false);
        createBranch("taken", false);
        Instant expires = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        ApiClient.Reply renamed = api.send("PATCH", "/branches/" + id,
                "{\"branch\":{\"name\":\"after\",\"expires_at\":\"" + expires + "\"}}");
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("after", field(renamed.object("branch"), "name"));
        assertEquals(expires.toString(), field(renamed.object("branch"), "expires_at"));
        assertEquals(0, renamed.json().getAsJsonArray("operations").size(), "metadata only: no operation");

        ApiClient.Reply cleared = api.send("PATCH", "/branches/" + id, "{\"branch\":{\"expires_at\":null}}");
        assertEquals(200, cleared.status(), cleared.body());
        assertFalse(cleared.object("branch").has("expires_at"));
        assertEquals("after", field(cleared.object("branch"), "name"), "absent fields stay unchanged");

        assertEquals(409, api.send("PATCH", "/branches/" + id, "{\"branch\":{\"name\":\"taken\"}}").status());
        assertEquals(400, api.send("PATCH", "/branches/" + id,
                "{\"branch\":{\"protected\":true,\"expires_at\":\"" + expires + "\"}}").status());
        assertEquals(400, api.send("PATCH", "/branches/" + emulator.defaultBranchId(),
                "{\"branch\":{\"expires_at\":\"" + expires + "\"}}").status());
        assertEquals(404, api.send("PATCH", "/branches/br-missing-1", "{\"branch\":{\"name\":\"x\"}}").status());
    }

    @Test
    void countBranchesWithSearch() throws Exception {
        createBranch("ci/one", false);
        createBranch("ci/two", false);
        assertEquals(3, api.get("/branches/count").json().get("count").getAsInt());
        assertEquals(2, api.get("/branches/count?search=ci%2F").json().get("count").getAsInt());
    }

    @Test
    void createEndpointOnBranchWithoutCompute() throws Exception {
        String id = createBranch("later-compute", false);
        ApiClient.Reply reply = api.post("/endpoints", "{\"endpoint\":{\"branch_id\":\"" + id + "\",\"type\":\"read_write\"}}");
        assertEquals(201, reply.status(), reply.body());
        String endpointId = field(reply.object("endpoint"), "id");
        assertEquals("start_compute", field(reply.json().getAsJsonArray("operations").get(0).getAsJsonObject(), "action"));
        assertEquals(endpointId, field(api.get("/endpoints/" + endpointId).object("endpoint"), "id"));
        assertEquals(endpointId, field(api.get("/branches/" + id + "/endpoints").json().getAsJsonArray("endpoints").get(0).getAsJsonObject(), "id"));
        assertEquals(409, api.post("/endpoints", "{\"endpoint\":{\"branch_id\":\"" + id + "\",\"type\":\"read_write\"}}").status(),
                "one read_write endpoint per branch");
    }

    @Test
    void roleDatabaseAndPasswordOfABranch() throws Exception {
        String id = createBranch("details", true);
        JsonObject role = api.get("/branches/" + id + "/roles/neondb_owner").object("role");
        assertEquals(id, field(role, "branch_id"));
        assertFalse(role.has("password"));
        JsonObject database = api.get("/branches/" + id + "/databases/neondb").object("database");
        assertEquals(id, field(database, "branch_id"));
        String password = field(api.get("/branches/" + id + "/roles/neondb_owner/reveal_password").json(), "password");
        assertTrue(password.startsWith("npg_"));
        assertTrue(password.equals(field(api.get("/branches/" + emulator.defaultBranchId() + "/roles/neondb_owner/reveal_password").json(), "password")),
                "a child inherits its parent's role passwords");
    }

    @Test
    void connectionUriPlainAndPooled() throws Exception {
        String id = createBranch("uris", true);
        String host = field(api.get("/branches/" + id + "/endpoints").json().getAsJsonArray("endpoints").get(0).getAsJsonObject(), "host");
        String password = field(api.get("/branches/" + id + "/roles/neondb_owner/reveal_password").json(), "password");

        String plain = field(api.get("/connection_uri?branch_id=" + id + "&database_name=neondb&role_name=neondb_owner").json(), "uri");
        assertTrue(("postgresql://neondb_owner:" + password + "@" + host + "/neondb?sslmode=require&channel_binding=require").equals(plain),
                "plain connection_uri is not the documented format (not printed: it holds the password)");
        String pooled = field(api.get("/connection_uri?branch_id=" + id + "&database_name=neondb&role_name=neondb_owner&pooled=true").json(), "uri");
        assertTrue(plain.replace(host, host.replaceFirst("\\.", "-pooler.")).equals(pooled), "pooled URI is not the plain one on the -pooler host (not printed)");

        String ofDefault = field(api.get("/connection_uri?database_name=neondb&role_name=neondb_owner").json(), "uri");
        assertTrue(ofDefault.contains("@ep-"), "defaults to the default branch's read_write endpoint");
        assertEquals(400, api.get("/connection_uri?branch_id=" + id).status(), "database_name and role_name are required");
        String noCompute = createBranch("no-compute", false);
        assertEquals(404, api.get("/connection_uri?branch_id=" + noCompute + "&database_name=neondb&role_name=neondb_owner").status());
    }

    @Test
    void operationsByIdAndListedNewestFirstWithCursor() throws Exception {
        ApiClient.Reply created = api.post("/branches", "{\"branch\":{\"name\":\"ops\"},\"endpoints\":[{\"type\":\"read_write\"}]}");
        String startComputeId = field(created.json().getAsJsonArray("operations").get(1).getAsJsonObject(), "id");
        JsonObject operation = api.get("/operations/" + startComputeId).object("operation");
        assertEquals("start_compute", field(operation, "action"));
        assertEquals("finished", field(operation, "status"));

        JsonObject firstPage = api.get("/operations?limit=1").json();
        assertEquals(startComputeId, field(firstPage.getAsJsonArray("operations").get(0).getAsJsonObject(), "id"));
        String cursor = field(firstPage.getAsJsonObject("pagination"), "cursor");
        JsonObject secondPage = api.get("/operations?limit=1&cursor=" + cursor).json();
        assertEquals("create_branch", field(secondPage.getAsJsonArray("operations").get(0).getAsJsonObject(), "action"));
        JsonObject all = api.get("/operations").json();
        assertEquals(4, all.getAsJsonArray("operations").size(), "2 for the project's creation, 2 for the branch");
        assertFalse(all.has("pagination"), "no cursor once everything was returned");
    }

    @Test
    void authenticationIsRequired() throws Exception {
        ApiClient anonymous = new ApiClient(emulator, null);
        ApiClient.Reply missing = anonymous.get("/branches");
        assertEquals(401, missing.status());
        assertNotNull(missing.json().get("message"));
        assertEquals(401, new ApiClient(emulator, "wrong-key").get("/branches").status());
        assertEquals(401, new ApiClient(emulator, "wrong-key").post("/branches", "{}").status());
        assertEquals(1, emulator.branches(emulator.projectId()).size());
    }

    @Test
    void requestIdIsEchoedIntoErrors() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.baseUrl() + "/projects/" + emulator.projectId() + "/branches/br-nope-1"))
                        .header("Authorization", "Bearer " + KEY).header("X-Request-ID", "req-123").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("\"request_id\":\"req-123\""), response.body());
    }

    @Test
    void requestLogRecordsMethodPathQueryHeadersBodyAndResponse() throws Exception {
        emulator.requestLog().clear();
        api.get("/branches?search=ma&limit=5");
        api.post("/branches", "{\"branch\":{\"name\":\"logged\"}}");

        assertEquals(2, emulator.requestLog().size());
        RecordedRequest list = emulator.requestLog().get(0);
        assertEquals("GET", list.method());
        assertEquals("/api/v2/projects/" + emulator.projectId() + "/branches", list.path());
        assertEquals("search=ma&limit=5", list.query());
        assertEquals("Bearer " + KEY, list.header("authorization"), "header names are case-insensitive");
        assertEquals(200, list.status());
        assertTrue(list.responseBody().contains("\"main\""));
        RecordedRequest create = emulator.requestLog().last();
        assertEquals("{\"branch\":{\"name\":\"logged\"}}", create.body());
        assertEquals(201, create.status());
        assertEquals(1, emulator.requestLog().matching("POST", "/branches$").size());
        assertFalse(create.toString().contains(KEY), "toString never shows headers");
    }

    @Test
    void unknownRoutesAndMethodsAnswerGeneralErrors() throws Exception {
        assertEquals(404, api.get("/nothing-here").status());
        assertEquals(405, api.send("PUT", "/branches", "{}").status());
        assertEquals(400, api.get("/branches/NOT_AN_ID").status());
    }
}
