package dev.neonci.emulator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neonci.emulator.RecordedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator itself: it must catch what it is meant to catch, or the fidelity tests prove nothing. */
class NeonOpenApiTest {

    private static final String PATH = "/api/v2/projects/shiny-wind-028834/branches/br-aged-salad-637688";
    private static final Map<String, List<String>> AUTH = Map.of("Authorization", List.of("Bearer k"));
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final String BRANCH = "{\"id\":\"br-aged-salad-637688\",\"project_id\":\"shiny-wind-028834\",\"name\":\"main\","
            + "\"current_state\":\"ready\",\"state_changed_at\":\"2022-11-23T17:42:25Z\",\"creation_source\":\"console\","
            + "\"default\":true,\"protected\":false,\"cpu_used_sec\":0,\"active_time_seconds\":0,\"compute_time_seconds\":0,"
            + "\"written_data_bytes\":0,\"data_transfer_bytes\":0,\"created_at\":\"2022-11-23T17:42:25Z\","
            + "\"updated_at\":\"2022-11-23T17:42:25Z\"%s}";
    private static final String ANNOTATION = ",\"annotation\":{\"object\":{\"type\":\"console/branch\",\"id\":\"br-aged-salad-637688\"},\"value\":{}}";

    private final NeonOpenApi spec = NeonOpenApi.load();

    private static RecordedRequest getBranch(int status, String responseBody) {
        return new RecordedRequest(Instant.now(), "GET", PATH, "", AUTH, "", status, JSON, responseBody, null);
    }

    @Test
    void acceptsAValidBranchResponse() {
        SpecReport report = spec.validateResponse(getBranch(200, "{\"branch\":" + String.format(BRANCH, "") + ANNOTATION + "}"));
        assertTrue(report.valid(), report.toString());
    }

    @Test
    void rejectsAMissingRequiredField() {
        String withoutName = String.format(BRANCH, "").replace("\"name\":\"main\",", "");
        SpecReport report = spec.validateResponse(getBranch(200, "{\"branch\":" + withoutName + ANNOTATION + "}"));
        assertFalse(report.valid());
        assertTrue(report.toString().contains("name"), report.toString());
    }

    @Test
    void rejectsAWrongType() {
        String badType = String.format(BRANCH, "").replace("\"default\":true", "\"default\":\"yes\"");
        assertFalse(spec.validateResponse(getBranch(200, "{\"branch\":" + badType + ANNOTATION + "}")).valid());
    }

    @Test
    void rejectsAnUndocumentedField() {
        SpecReport report = spec.validateResponse(getBranch(200, "{\"branch\":" + String.format(BRANCH, ",\"invented\":1") + ANNOTATION + "}"));
        assertFalse(report.valid(), "fields the spec does not name are flagged");
        assertTrue(report.toString().contains("invented"), report.toString());
    }

    @Test
    void rejectsAGeneralErrorWithoutMessage() {
        assertFalse(spec.validateResponse(getBranch(404, "{\"code\":\"\"}")).valid());
        assertTrue(spec.validateResponse(getBranch(404, "{\"code\":\"\",\"message\":\"not found\"}")).valid());
    }

    @Test
    void rejectsUnknownQueryParametersAndBadEnumsInRequests() {
        RecordedRequest unknownParameter = new RecordedRequest(Instant.now(), "GET", "/api/v2/projects/p-1/branches",
                "serach=x", AUTH, "", 200, Map.of(), "", null);
        assertFalse(spec.validateRequest(unknownParameter).valid(), spec.validateRequest(unknownParameter).toString());
        RecordedRequest badEnum = new RecordedRequest(Instant.now(), "GET", "/api/v2/projects/p-1/branches",
                "sort_by=size", AUTH, "", 200, Map.of(), "", null);
        assertFalse(spec.validateRequest(badEnum).valid());
        RecordedRequest good = new RecordedRequest(Instant.now(), "GET", "/api/v2/projects/p-1/branches",
                "search=ci%2F&limit=100&sort_by=name&sort_order=asc", AUTH, "", 200, Map.of(), "", null);
        assertTrue(spec.validateRequest(good).valid(), spec.validateRequest(good).toString());
    }

    @Test
    void rejectsMalformedCreateBranchBodiesAndMissingAuth() {
        RecordedRequest badBody = new RecordedRequest(Instant.now(), "POST", "/api/v2/projects/p-1/branches", "",
                Map.of("Authorization", List.of("Bearer k"), "Content-Type", List.of("application/json")),
                "{\"endpoints\":[{\"type\":\"read_write\",\"autoscaling_limit_min_cu\":0.1}]}", 201, Map.of(), "", null);
        assertFalse(spec.validateRequest(badBody).valid(), "0.1 CU is below the spec's minimum");
        RecordedRequest noAuth = new RecordedRequest(Instant.now(), "GET", "/api/v2/projects/p-1/branches", "",
                Map.of(), "", 401, Map.of(), "", null);
        assertFalse(spec.validateRequest(noAuth).valid());
    }

    @Test
    void acceptsJsonBodiesWithACharsetParameter() {
        RecordedRequest request = new RecordedRequest(Instant.now(), "POST", "/api/v2/projects/p-1/branches", "",
                Map.of("Authorization", List.of("Bearer k"), "Content-Type", List.of("application/json; charset=utf-8")),
                "{\"branch\":{\"name\":\"ci-1\"},\"endpoints\":[{\"type\":\"read_write\"}]}", 201, Map.of(), "", null);
        assertTrue(spec.validateRequest(request).valid(), spec.validateRequest(request).toString());
    }

    @Test
    void reportsNeverQuoteTheAuthorizationHeader() {
        RecordedRequest request = new RecordedRequest(Instant.now(), "GET", "/api/v2/projects/p-1/branches",
                "serach=x", Map.of("Authorization", List.of("Bearer secret-key-123")), "", 200, Map.of(), "", null);
        assertFalse(spec.validateRequest(request).toString().contains("secret-key-123"));
    }

    @Test
    void skipsExchangesWithoutResponseAndAssertHelpersListViolations() {
        RecordedRequest dropped = new RecordedRequest(Instant.now(), "POST", "/api/v2/projects/p-1/branches", "",
                AUTH, "", RecordedRequest.NO_RESPONSE, Map.of(), "", null);
        SpecReport report = spec.validateResponse(dropped);
        assertTrue(report.valid());
        assertNotNull(report.skipped());
        AssertionError error = assertThrows(AssertionError.class,
                () -> spec.assertValidResponses(List.of(getBranch(404, "{}"))));
        assertTrue(error.getMessage().contains("1 response(s) violate"), error.getMessage());
        assertEquals(0, spec.violations(List.of(dropped)).size());
    }
}
