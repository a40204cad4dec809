package dev.neonci.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neonci.emulator.spec.NeonOpenApi;
import dev.neonci.emulator.spec.SpecReport;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How other modules use the test-jar: drive the emulator with a client, then validate the requests the
 * client sent (from the request log) against the spec. Here the client is this module's test client.
 */
class ClientRequestValidationTest extends EmulatorTestSupport {

    @BeforeEach
    void startEmulator() {
        start(NeonEmulator.builder().operationDuration(Duration.ZERO));
    }

    @Test
    void wellFormedRequestsPassRequestValidation() throws Exception {
        String id = createBranch("valid-requests", true);
        api.get("/branches?search=valid&limit=10&sort_by=name&sort_order=asc");
        api.get("/branches/" + id);
        api.get("/branches/" + id + "/endpoints");
        api.get("/branches/" + id + "/roles/neondb_owner/reveal_password");
        api.get("/connection_uri?branch_id=" + id + "&database_name=neondb&role_name=neondb_owner&pooled=true");
        api.post("/branches/" + id + "/restore", "{\"source_branch_id\":\"" + emulator.defaultBranchId() + "\"}");
        api.delete("/branches/" + id);

        NeonOpenApi.load().assertValidRequests(emulator.requestLog().snapshot());
    }

    @Test
    void requestMistakesAreReported() throws Exception {
        api.get("/branches?serach=typo");
        api.post("/branches", "{\"endpoints\":[{\"autoscaling_limit_min_cu\":0.25}]}");
        new ApiClient(emulator, null).get("/branches");

        for (RecordedRequest request : emulator.requestLog()) {
            SpecReport report = NeonOpenApi.load().validateRequest(request);
            assertFalse(report.valid(), request + " should violate the spec");
        }
        String report = NeonOpenApi.load().validateRequest(emulator.requestLog().get(1)).toString();
        assertTrue(report.contains("type"), "names the missing endpoint type: " + report);
    }
}
