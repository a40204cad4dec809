package dev.neonci.core.client;

import static dev.neonci.core.testing.Scripted.json;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.neonci.core.testing.Scripted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the client puts on the wire, and how it reads Neon's answers. */
class NeonClientRequestTest {

    static final String P = "shiny-wind-028834";
    final Scripted s = new Scripted();

    @AfterEach
    void close() {
        s.close();
    }

    static String branch(String id, String name) {
        return "{\"id\":\"" + id + "\",\"project_id\":\"" + P + "\",\"name\":\"" + name + "\",\"current_state\":\"ready\","
                + "\"parent_id\":\"br-main\",\"default\":false,\"protected\":false,"
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:01Z\"}";
    }

    @Test
    void everyRequestCarriesBearerAcceptUserAgentAndAFreshRequestId() {
        s.enqueue(json(200, "{\"branch\":" + branch("br-1", "ci-1") + "}"));
        s.enqueue(json(200, "{\"branch\":" + branch("br-1", "ci-1") + "}"));
        s.client.getBranch(P, "br-1");
        s.client.getBranch(P, "br-1");
        RecordedRequest first = s.take();
        RecordedRequest second = s.take();
        assertEquals("Bearer " + s.apiKey, first.getHeader("Authorization"));
        assertEquals("application/json", first.getHeader("Accept"));
        assertEquals("neon-ci/" + NeonClient.VERSION + " (unit-test)", first.getHeader("User-Agent"));
        assertTrue(NeonClient.VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), "version comes from the filtered resource: " + NeonClient.VERSION);
        UUID.fromString(first.getHeader("X-Request-ID"));
        assertNotEquals(first.getHeader("X-Request-ID"), second.getHeader("X-Request-ID"));
        assertEquals("/api/v2/projects/" + P + "/branches/br-1", first.getPath());
    }

    @Test
    void createBranchSendsTheSpecShape() {
        s.enqueue(json(201, "{\"branch\":" + branch("br-new", "ci-42") + ",\"endpoints\":[{\"id\":\"ep-1\",\"host\":\"ep-1.region.neon.tech\","
                + "\"type\":\"read_write\",\"current_state\":\"init\"}],\"operations\":[{\"id\":\"op-1\",\"action\":\"create_branch\","
                + "\"status\":\"running\"}],\"roles\":[{\"name\":\"neondb_owner\",\"password\":\"s3cret\"}],"
                + "\"databases\":[{\"id\":1,\"name\":\"neondb\",\"owner_name\":\"neondb_owner\"}],\"connection_uris\":[]}"));
        CreateBranchResponse r = s.client.createBranch(P, CreateBranchRequest.builder("ci-42")
                .parentId("br-parent")
                .parentTimestamp(Instant.parse("2026-01-02T03:04:05.678Z"))
                .schemaOnly(true)
                .expiresAt(Instant.parse("2026-01-05T00:00:00.999Z"))
                .autoscalingLimits(0.25, 2.0)
                .suspendTimeoutSeconds(300)
                .build());
        RecordedRequest req = s.take();
        assertEquals("POST", req.getMethod());
        assertEquals("/api/v2/projects/" + P + "/branches", req.getPath());
        assertTrue(req.getHeader("Content-Type").startsWith("application/json"));
        JsonObject body = JsonParser.parseString(req.getBody().readUtf8()).getAsJsonObject();
        JsonObject b = body.getAsJsonObject("branch");
        assertEquals("ci-42", b.get("name").getAsString());
        assertEquals("br-parent", b.get("parent_id").getAsString());
        assertEquals("2026-01-02T03:04:05Z", b.get("parent_timestamp").getAsString());
        assertEquals("schema-only", b.get("init_source").getAsString());
        assertEquals("2026-01-05T00:00:00Z", b.get("expires_at").getAsString(), "second precision, as Neon requires");
        assertEquals(1, body.getAsJsonArray("endpoints").size());
        JsonObject ep = body.getAsJsonArray("endpoints").get(0).getAsJsonObject();
        assertEquals("read_write", ep.get("type").getAsString());
        assertEquals(0.25, ep.get("autoscaling_limit_min_cu").getAsDouble());
        assertEquals(2.0, ep.get("autoscaling_limit_max_cu").getAsDouble());
        assertEquals(300, ep.get("suspend_timeout_seconds").getAsInt());

        assertEquals("br-new", r.branch().id());
        assertEquals("ep-1", r.endpoints().get(0).id());
        assertEquals("ep-1-pooler.region.neon.tech", r.endpoints().get(0).poolerHost());
        assertEquals("create_branch", r.operations().get(0).action());
        assertFalse(r.operations().get(0).isTerminal());
        assertEquals("neondb_owner", r.databases().get(0).ownerName());
        assertFalse(r.roles().get(0).toString().contains("s3cret"), "Role.toString masks a password");
    }

    @Test
    void createBranchOmitsWhatWasNotAsked() {
        s.enqueue(json(201, "{\"branch\":" + branch("br-new", "ci-1") + "}"));
        s.client.createBranch(P, CreateBranchRequest.builder("ci-1").withoutEndpoint().build());
        JsonObject body = JsonParser.parseString(s.take().getBody().readUtf8()).getAsJsonObject();
        assertEquals("{\"branch\":{\"name\":\"ci-1\"}}", body.toString());
    }

    @Test
    void findBranchByNameMatchesExactlyAcrossPagesAndStopsOnARepeatedCursor() {
        s.enqueue(json(200, "{\"branches\":[" + branch("br-10", "ci-10") + "," + branch("br-x", "xci-1") + "],"
                + "\"pagination\":{\"next\":\"c1\"}}"));
        s.enqueue(json(200, "{\"branches\":[" + branch("br-1", "ci-1") + "],\"pagination\":{\"next\":\"c2\"}}"));
        s.enqueue(json(200, "{\"branches\":[" + branch("br-100", "ci-100") + "],\"pagination\":{\"next\":\"c2\"}}"));
        Optional<Branch> found = s.client.findBranchByName(P, "ci-1");
        assertEquals("br-1", found.orElseThrow().id());
        assertEquals(3, s.server.getRequestCount(), "stops when the cursor repeats");
        assertEquals("/api/v2/projects/" + P + "/branches?search=ci-1&limit=100", s.take().getPath());
        assertEquals("/api/v2/projects/" + P + "/branches?search=ci-1&cursor=c1&limit=100", s.take().getPath());
        assertEquals("/api/v2/projects/" + P + "/branches?search=ci-1&cursor=c2&limit=100", s.take().getPath());
    }

    @Test
    void listingStopsOnAnEmptyCursorOrAnEmptyPage() {
        s.enqueue(json(200, "{\"branches\":[" + branch("br-1", "a") + "],\"pagination\":{\"next\":\"\"}}"));
        assertEquals(1, s.client.listAllBranches(P, null).size());
        s.enqueue(json(200, "{\"branches\":[" + branch("br-1", "a") + "],\"pagination\":{\"next\":\"n\"}}"));
        s.enqueue(json(200, "{\"branches\":[],\"pagination\":{\"next\":\"m\"}}"));
        assertEquals(1, s.client.listAllBranches(P, null).size());
        assertEquals(3, s.server.getRequestCount());
    }

    @Test
    void findBranchByNameIsEmptyWhenOnlySimilarNamesExist() {
        s.enqueue(json(200, "{\"branches\":[" + branch("br-10", "ci-10") + "," + branch("br-11", "CI-1") + "]}"));
        assertTrue(s.client.findBranchByName(P, "ci-1").isEmpty());
    }

    @Test
    void deleteTreats200AsDeletedAnd204Or404AsAlreadyGone() {
        s.enqueue(json(200, "{\"branch\":" + branch("br-1", "ci-1") + ",\"operations\":[{\"id\":\"o\",\"action\":\"delete_timeline\",\"status\":\"scheduling\"}]}"));
        s.enqueue(new okhttp3.mockwebserver.MockResponse().setResponseCode(204));
        s.enqueue(Scripted.error(404, "", "branch not found"));
        DeleteBranchResponse first = s.client.deleteBranch(P, "br-1");
        assertTrue(first.deleted());
        assertEquals("delete_timeline", first.operations().get(0).action());
        assertFalse(s.client.deleteBranch(P, "br-1").deleted());
        assertFalse(s.client.deleteBranch(P, "br-1").deleted());
        assertEquals("DELETE", s.take().getMethod());
    }

    @Test
    void restoreSendsTheParentAsSource() {
        s.enqueue(json(200, "{\"branch\":" + branch("br-1", "ci-1") + ",\"operations\":[]}"));
        s.client.restoreBranch(P, "br-1", "br-main");
        RecordedRequest r = s.take();
        assertEquals("/api/v2/projects/" + P + "/branches/br-1/restore", r.getPath());
        assertEquals("{\"source_branch_id\":\"br-main\"}", r.getBody().readUtf8());
    }

    @Test
    void endpointsRolesDatabasesPasswordAndConnectionUri() {
        s.enqueue(json(200, "{\"endpoints\":[{\"id\":\"ep-1\",\"host\":\"ep-1.x.neon.tech\",\"type\":\"read_write\",\"current_state\":\"idle\"}]}"));
        s.enqueue(json(200, "{\"roles\":[{\"branch_id\":\"br-1\",\"name\":\"app user\",\"protected\":false}]}"));
        s.enqueue(json(200, "{\"databases\":[{\"id\":7,\"branch_id\":\"br-1\",\"name\":\"app\",\"owner_name\":\"app user\"}]}"));
        s.enqueue(json(200, "{\"password\":\"pw\"}"));
        s.enqueue(json(200, "{\"uri\":\"postgresql://u:pw@h/db\"}"));
        s.enqueue(json(201, "{\"endpoint\":{\"id\":\"ep-2\",\"host\":\"ep-2.x\",\"type\":\"read_write\"},\"operations\":[]}"));
        List<Endpoint> eps = s.client.listBranchEndpoints(P, "br-1");
        assertFalse(eps.get(0).isTransitional(), "idle computes wake on connect: not transitional");
        assertEquals("app user", s.client.listBranchRoles(P, "br-1").get(0).name());
        assertEquals(7, s.client.listBranchDatabases(P, "br-1").get(0).id());
        assertEquals("pw", s.client.revealRolePassword(P, "br-1", "app user"));
        assertEquals("postgresql://u:pw@h/db", s.client.connectionUri(P, "br-1", null, "db", "app user", true));
        assertEquals("ep-2", s.client.createEndpoint(P, CreateEndpointRequest.builder("br-1").build()).endpoint().id());
        s.take();
        s.take();
        s.take();
        assertEquals("/api/v2/projects/" + P + "/branches/br-1/roles/app%20user/reveal_password", s.take().getPath());
        assertEquals("/api/v2/projects/" + P + "/connection_uri?branch_id=br-1&database_name=db&role_name=app%20user&pooled=true",
                s.take().getPath());
        assertEquals("{\"endpoint\":{\"branch_id\":\"br-1\",\"type\":\"read_write\"}}", s.take().getBody().readUtf8());
    }

    @Test
    void unknownFieldsAndStatusesDoNotBreakParsing() {
        s.enqueue(json(200, "{\"operation\":{\"id\":\"op\",\"action\":\"something_new\",\"status\":\"pondering\","
                + "\"brand_new_field\":{\"x\":1},\"created_at\":\"not a date\",\"failures_count\":0}}"));
        Operation op = s.client.getOperation(P, "op");
        assertEquals("pondering", op.status());
        assertFalse(op.isTerminal(), "an unknown status is waited on, not taken as success");
        assertNull(op.createdAt());
    }
}
