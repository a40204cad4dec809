package dev.neonci.core.client;

import static dev.neonci.core.testing.Scripted.error;
import static dev.neonci.core.testing.Scripted.json;
import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.testing.Scripted;
import java.io.IOException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each failure becomes the right exception with a one-line, secret-free message naming the request id. */
class ErrorMappingTest {

    static final String P = "shiny-wind-028834";
    final Scripted s = new Scripted();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void unauthorizedReadsAsTheSeedMessageWithTheRequestId() {
        s.enqueue(error(401, "", "authentication required"));
        NeonAuthenticationException e = assertThrows(NeonAuthenticationException.class, () -> s.client.getBranch(P, "br-1"));
        String id = s.take().getHeader("X-Request-ID");
        assertEquals("Neon rejected the API key (HTTP 401): it is missing, invalid or revoked (request id " + id + ")",
                e.getMessage());
        assertEquals(401, e.status());
        assertEquals(id, e.requestId());
        assertEquals("authentication required", e.neonMessage());
    }

    @Test
    void notFoundNamesTheProject() {
        s.enqueue(error(404, "", "project not found"));
        NeonNotFoundException e = assertThrows(NeonNotFoundException.class, () -> s.client.listAllBranches(P, null));
        assertTrue(e.getMessage().startsWith("Neon: project " + P + " not found (HTTP 404 for GET /projects/" + P + "/branches): project not found"),
                e.getMessage());
        assertTrue(e.getMessage().contains(": project not found"), e.getMessage());
    }

    @Test
    void notFoundOnABranchNamesBranchAndProject() {
        s.enqueue(error(404, "", "not found"));
        NeonNotFoundException e = assertThrows(NeonNotFoundException.class, () -> s.client.getBranch(P, "br-gone"));
        assertTrue(e.getMessage().startsWith("Neon: branch br-gone in project " + P + " not found"), e.getMessage());
    }

    @Test
    void generalErrorFieldsAreKeptAndTheMessageIsOneLine() {
        s.enqueue(error(400, "BAD_REQUEST", "bad\\nthing\\r\\nhappened"));
        NeonApiException e = assertThrows(NeonApiException.class, () -> s.client.getBranch(P, "br-1"));
        RecordedRequest r = s.take();
        assertEquals("BAD_REQUEST", e.code());
        assertEquals("bad thing happened", e.neonMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertEquals("Neon answered HTTP 400 Bad Request for GET /projects/" + P + "/branches/br-1: bad thing happened"
                + " [BAD_REQUEST] (request id " + r.getHeader("X-Request-ID") + ")", e.getMessage());
    }

    @Test
    void aBodyThatIsNotAGeneralErrorStillGivesAUsefulMessage() {
        s.enqueue(new MockResponse().setResponseCode(400).setBody("<html>proxy says no</html>"));
        NeonApiException e = assertThrows(NeonApiException.class, () -> s.client.getBranch(P, "br-1"));
        assertTrue(e.getMessage().startsWith("Neon answered HTTP 400 Bad Request for GET"), e.getMessage());
        assertEquals("", e.neonMessage());
    }

    @Test
    void malformedJsonOnSuccessIsATransportError() {
        for (int i = 0; i < 3; i++) { // a GET is asked three times in all before giving up
            s.enqueue(json(200, "{\"branch\": {"));
        }
        NeonTransportException e = assertThrows(NeonTransportException.class, () -> s.client.getBranch(P, "br-1"));
        assertTrue(e.getMessage().contains("not the documented JSON"), e.getMessage());
        assertFalse(e.mayHaveBeenApplied(), "a GET changes nothing");
    }

    @Test
    void theApiKeyIsScrubbedFromWhatNeonSays() {
        s.enqueue(error(400, "", "key " + s.apiKey + " is weird"));
        NeonApiException e = assertThrows(NeonApiException.class, () -> s.client.getBranch(P, "br-1"));
        assertFalse(e.getMessage().contains(s.apiKey));
        assertFalse(e.neonMessage().contains(s.apiKey));
    }

    @Test
    void aRedirectIsAnErrorAndTheKeyNeverReachesTheOtherHost() throws IOException {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            elsewhere.enqueue(json(200, "{\"branch\":{\"id\":\"br-1\"}}"));
            String target = elsewhere.url("/api/v2/projects/" + P + "/branches/br-1").toString()
                    .replace("localhost", "127.0.0.1");
            s.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", target));
            NeonApiException e = assertThrows(NeonApiException.class, () -> s.client.getBranch(P, "br-1"));
            assertEquals(307, e.status());
            assertTrue(e.getMessage().contains("redirect to 127.0.0.1"), e.getMessage());
            assertTrue(e.getMessage().contains("not followed"), e.getMessage());
            assertEquals(0, elsewhere.getRequestCount(), "nothing, let alone the Authorization header, was sent to the redirect target");
            assertEquals(1, s.server.getRequestCount(), "a redirect is not retried either");
        }
    }

    @Test
    void messagesOfEveryStatusAreOneLineAndFreeOfTheKey() {
        int[] statuses = {400, 401, 403, 404, 409, 412, 422, 423, 429, 500, 502, 503};
        for (int status : statuses) {
            try (Scripted t = new Scripted()) {
                for (int i = 0; i < 10; i++) {
                    t.enqueue(error(status, "C", "multi\\nline " + t.apiKey));
                }
                NeonApiException e = assertThrows(NeonApiException.class, () -> t.client
                        .withDeadline(dev.neonci.core.wait.Deadline.after(java.time.Duration.ofSeconds(3), t.time), null)
                        .getBranch(P, "br-1"));
                assertFalse(e.getMessage().contains("\n"), status + ": " + e.getMessage());
                assertFalse(e.getMessage().contains(t.apiKey), status + ": " + e.getMessage());
                assertEquals(status, e.status());
                assertTrue(e.getMessage().contains("(request id "), status + ": " + e.getMessage());
            }
        }
    }
}
