package dev.neonci.core.client;

import static dev.neonci.core.testing.Scripted.json;
import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.testing.Scripted;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 2xx answer without the documented shape (missing or mistyped fields) is a {@link NeonTransportException}
 * naming the request and its id — never a Gson exception, a NullPointerException later in the lifecycle, or a
 * message that quotes the body (answers to reveal_password and create carry passwords).
 */
class UnexpectedAnswerTest {

    static final String P = "shiny-wind-028834";
    static final String SECRET = "npg_SuperSecret123";
    final Scripted s = new Scripted();

    @AfterEach
    void close() {
        s.close();
    }

    /** A GET is asked three times in all (the answer may have been garbled on the way); a POST once. */
    NeonTransportException expectUnexpected(String body, Consumer<NeonClient> call) {
        return expectUnexpected(body, call, 3);
    }

    NeonTransportException expectUnexpected(String body, Consumer<NeonClient> call, int attempts) {
        for (int i = 0; i < attempts; i++) {
            s.enqueue(json(200, body));
        }
        int before = s.server.getRequestCount();
        NeonTransportException e = assertThrows(NeonUnexpectedAnswerException.class, () -> call.accept(s.client),
                "body of " + body.length() + " characters (not printed: it may hold the test password)");
        assertEquals(attempts, s.server.getRequestCount() - before, "requests sent");
        String id = null;
        for (int i = 0; i < attempts; i++) {
            id = s.take().getHeader("X-Request-ID");
        }
        assertTrue(e.getMessage().contains("not the documented JSON"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(request id " + id + ")"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET), "the password is in a message of " + t.getClass().getSimpleName());
        }
        return e;
    }

    @Test
    void aBranchAnswerWithoutABranch() {
        expectUnexpected("{}", c -> c.getBranch(P, "br-1"));
        expectUnexpected("{\"branch\": null}", c -> c.getBranch(P, "br-1"));
        expectUnexpected("{\"branch\": \"" + SECRET + "\"}", c -> c.getBranch(P, "br-1"));
        expectUnexpected("{\"branch\": {\"name\": \"x\"}}", c -> c.getBranch(P, "br-1"));
    }

    @Test
    void aCreateAnswerWithoutABranchMayHaveBeenApplied() {
        NeonTransportException e = expectUnexpected("{\"roles\":[{\"name\":\"r\",\"password\":\"" + SECRET + "\"}]}",
                c -> c.createBranch(P, CreateBranchRequest.builder("ci/1").build()), 1);
        assertTrue(e.mayHaveBeenApplied(), "a 2xx to a POST: Neon did it; the lifecycle looks by name");
    }

    @Test
    void mistypedFieldsDoNotEscapeAsGsonExceptions() {
        expectUnexpected("{\"branch\":{\"id\":\"br-1\"},\"roles\":{\"password\":\"" + SECRET + "\"}}",
                c -> c.createBranch(P, CreateBranchRequest.builder("ci/1").build()), 1);
        expectUnexpected("{\"branch\":{\"id\":\"br-1\"},\"endpoints\":[{\"id\":\"ep\",\"autoscaling_limit_max_cu\":\"" + SECRET + "\"}]}",
                c -> c.createBranch(P, CreateBranchRequest.builder("ci/1").build()), 1);
        expectUnexpected("{\"branches\":[{\"id\":[1]}]}", c -> c.listAllBranches(P, null));
        expectUnexpected("{\"endpoints\":\"none\"}", c -> c.listBranchEndpoints(P, "br-1"));
    }

    @Test
    void operationsNeedAnId() {
        expectUnexpected("{}", c -> c.getOperation(P, "op-1"));
        expectUnexpected("{\"branch\":{\"id\":\"br-1\"},\"operations\":[{\"status\":\"running\"}]}",
                c -> c.restoreBranch(P, "br-1", "br-0"), 1);
    }

    @Test
    void revealPasswordWithoutAPassword() {
        expectUnexpected("{}", c -> c.revealRolePassword(P, "br-1", "neondb_owner"));
        expectUnexpected("{\"password\": {\"value\": \"" + SECRET + "\"}}", c -> c.revealRolePassword(P, "br-1", "neondb_owner"));
        expectUnexpected("{\"password\": \"" + SECRET, c -> c.revealRolePassword(P, "br-1", "neondb_owner"));
    }

    @Test
    void aGarbledAnswerToAGetIsAskedAgainAndTheRetryIsReported() {
        s.enqueue(json(200, "{\"operation\": {\"id\": \"op-1\", \"sta"));
        s.enqueue(json(200, "{\"operation\": {\"id\": \"op-1\", \"action\": \"start_compute\", \"status\": \"finished\"}}"));
        java.util.List<String> reasons = new java.util.ArrayList<>();
        NeonClient scoped = s.client.withDeadline(dev.neonci.core.wait.Deadline.after(java.time.Duration.ofMinutes(1), s.time),
                (reason, delay) -> reasons.add(reason));
        assertEquals("finished", scoped.getOperation(P, "op-1").status());
        assertEquals(2, s.server.getRequestCount());
        assertEquals(java.util.List.of("Neon's answer to GET /projects/" + P + "/operations/op-1 was not the documented JSON"),
                reasons);
    }

    @Test
    void nullListItemsAreDropped() {
        s.enqueue(json(200, "{\"branches\":[null,{\"id\":\"br-1\",\"name\":\"a\"}]}"));
        assertEquals(1, s.client.listAllBranches(P, null).size());
    }
}
