package dev.neonci.core.lifecycle;

import static dev.neonci.core.testing.Scripted.json;
import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.client.NeonApiException;
import dev.neonci.core.testing.Scripted;
import dev.neonci.core.wait.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lifecycle paths the emulator cannot produce on demand: a create answered 500 or 409 after it was applied. */
class LifecycleScriptedTest {

    static final String P = "p-1";
    final Scripted s = new Scripted();
    final List<String> lines = new CopyOnWriteArrayList<>();
    final AtomicBoolean exists = new AtomicBoolean();
    final AtomicInteger posts = new AtomicInteger();
    volatile MockResponse answerToCreate;
    volatile String databases = "[{\"id\":1,\"name\":\"neondb\",\"owner_name\":\"neondb_owner\"}]";
    volatile String roles = "[{\"name\":\"neondb_owner\"}]";

    static final String BRANCH = "{\"id\":\"br-1\",\"name\":\"ci-1\",\"parent_id\":\"br-main\",\"current_state\":\"ready\","
            + "\"default\":false,\"protected\":false,\"created_at\":\"2026-01-01T00:00:00Z\"}";

    @AfterEach
    void close() {
        s.close();
    }

    void neon() {
        s.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getPath();
                if (r.getMethod().equals("POST") && path.endsWith("/branches")) {
                    posts.incrementAndGet();
                    exists.set(true);
                    return answerToCreate;
                }
                if (path.contains("/branches?")) {
                    return json(200, "{\"branches\":[" + (exists.get() ? BRANCH : "") + "]}");
                }
                if (path.endsWith("/branches/br-1")) {
                    return json(200, "{\"branch\":" + BRANCH + "}");
                }
                if (path.endsWith("/endpoints")) {
                    return json(200, "{\"endpoints\":[{\"id\":\"ep-1\",\"host\":\"ep-1.x.neon.tech\",\"type\":\"read_write\","
                            + "\"current_state\":\"active\"}]}");
                }
                if (path.endsWith("/databases")) {
                    return json(200, "{\"databases\":" + databases + "}");
                }
                if (path.endsWith("/roles")) {
                    return json(200, "{\"roles\":" + roles + "}");
                }
                if (path.endsWith("/reveal_password")) {
                    return json(200, "{\"password\":\"pw\"}");
                }
                return json(404, "{\"code\":\"\",\"message\":\"not found\"}");
            }
        });
    }

    BranchLifecycle lifecycle() {
        return new BranchLifecycle(s.client, P, lines::add);
    }

    @Test
    void aCreateAnswered500ButAppliedIsFoundByNameAndNotSentAgain() {
        answerToCreate = json(500, "{\"code\":\"\",\"message\":\"internal error\"}");
        neon();
        BranchConnection c = lifecycle().ensureBranch(EnsureBranchRequest.builder("ci-1").build(), Deadline.after(Duration.ofMinutes(1), s.time));
        assertEquals("br-1", c.branchId());
        assertTrue(c.created());
        assertEquals(1, posts.get());
        assertTrue(lines.contains("Neon answered HTTP 500 to creating branch ci-1; checking whether it created it anyway"), lines.toString());
    }

    @Test
    void aCreateAnswered500AndNotAppliedIsSentAgainThenGivesUp() {
        answerToCreate = json(500, "{\"code\":\"\",\"message\":\"internal error\"}");
        neon();
        s.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (r.getMethod().equals("POST")) {
                    posts.incrementAndGet();
                    return answerToCreate;
                }
                return json(200, "{\"branches\":[]}");
            }
        });
        NeonApiException e = assertThrows(NeonApiException.class,
                () -> lifecycle().ensureBranch(EnsureBranchRequest.builder("ci-1").build(), Deadline.after(Duration.ofMinutes(1), s.time)));
        assertEquals(500, e.status());
        assertEquals(3, posts.get(), "re-sent only after checking it does not exist, at most 3 times");
    }

    @Test
    void alreadyExistsMeansAnotherJobCreatedItAndItIsReused() {
        answerToCreate = json(409, "{\"code\":\"BRANCH_ALREADY_EXISTS\",\"message\":\"branch with the provided name \\\"ci-1\\\" already exists\"}");
        neon();
        BranchConnection c = lifecycle().ensureBranch(EnsureBranchRequest.builder("ci-1").build(), Deadline.after(Duration.ofMinutes(1), s.time));
        assertFalse(c.created());
        assertEquals("br-1", c.branchId());
        assertEquals(1, posts.get());
    }

    @Test
    void picksTheOnlyRoleOrTheOwnerOfTheOnlyDatabase() {
        exists.set(true);
        neon();
        databases = "[{\"id\":1,\"name\":\"app\",\"owner_name\":\"app_owner\"}]";
        roles = "[{\"name\":\"app_owner\"},{\"name\":\"reader\"}]";
        BranchConnection c = lifecycle().connection("ci-1", ConnectionOptions.defaults(), Deadline.after(Duration.ofMinutes(1), s.time));
        assertEquals("app_owner", c.role());
        assertEquals("app", c.database());

        roles = "[{\"name\":\"solo\"}]";
        assertEquals("solo", lifecycle().connection("ci-1", ConnectionOptions.defaults(), Deadline.after(Duration.ofMinutes(1), s.time)).role());
    }

    @Test
    void withSeveralDatabasesTheRoleIsTheOwnerOfTheChosenOne() {
        neon();
        exists.set(true);
        databases = "[{\"id\":1,\"name\":\"neondb\",\"owner_name\":\"neondb_owner\"},"
                + "{\"id\":2,\"name\":\"app\",\"owner_name\":\"app_owner\"}]";
        roles = "[{\"name\":\"neondb_owner\"},{\"name\":\"app_owner\"}]";
        BranchConnection c = lifecycle().connection("ci-1", ConnectionOptions.builder().database("app").build(),
                Deadline.after(Duration.ofMinutes(1), s.time));
        assertEquals("app", c.database());
        assertEquals("app_owner", c.role(), "the owner of the database asked for, not the project's default role");
        BranchConnection d = lifecycle().connection("ci-1", ConnectionOptions.defaults(), Deadline.after(Duration.ofMinutes(1), s.time));
        assertEquals("neondb", d.database());
        assertEquals("neondb_owner", d.role());
    }

    @Test
    void severalDatabasesWithoutTheDefaultIsAChoiceForTheUser() {
        exists.set(true);
        neon();
        databases = "[{\"id\":1,\"name\":\"a\",\"owner_name\":\"x\"},{\"id\":2,\"name\":\"b\",\"owner_name\":\"x\"}]";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> lifecycle().connection("ci-1", ConnectionOptions.defaults(), Deadline.after(Duration.ofMinutes(1), s.time)));
        assertEquals("database: branch ci-1 has several databases (a, b); choose one", e.getMessage());
        ConnectionOptions chosen = ConnectionOptions.builder().database("b").role("x").build();
        assertEquals("b", lifecycle().connection("ci-1", chosen, Deadline.after(Duration.ofMinutes(1), s.time)).database());
    }

    @Test
    void sweepNeverTouchesTheDefaultOrAProtectedBranchAndGoesOnPastAFailure() {
        String now = s.time.instant().toString();
        String old = s.time.instant().minus(Duration.ofDays(3)).toString();
        s.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getPath();
                if (r.getMethod().equals("GET") && path.contains("/branches?")) {
                    return json(200, "{\"branches\":["
                            + "{\"id\":\"br-d\",\"name\":\"ci-default\",\"default\":true,\"created_at\":\"" + old + "\"},"
                            + "{\"id\":\"br-p\",\"name\":\"ci-protected\",\"protected\":true,\"created_at\":\"" + old + "\"},"
                            + "{\"id\":\"br-n\",\"name\":\"ci-new\",\"created_at\":\"" + now + "\"},"
                            + "{\"id\":\"br-x\",\"name\":\"x-ci-old\",\"created_at\":\"" + old + "\"},"
                            + "{\"id\":\"br-f\",\"name\":\"ci-fails\",\"created_at\":\"" + old + "\"},"
                            + "{\"id\":\"br-o\",\"name\":\"ci-old\",\"created_at\":\"" + old + "\"}]}");
                }
                if (r.getMethod().equals("DELETE") && path.endsWith("/br-f")) {
                    return json(400, "{\"code\":\"\",\"message\":\"branch has children\"}");
                }
                if (r.getMethod().equals("DELETE")) {
                    return json(200, "{\"branch\":{\"id\":\"br-o\"},\"operations\":[]}");
                }
                return json(404, "{\"code\":\"\",\"message\":\"not found\"}");
            }
        });
        SweepResult r = lifecycle().sweep(new SweepRequest("ci-", Duration.ofDays(1), false), Deadline.after(Duration.ofMinutes(1), s.time));
        assertEquals(List.of("ci-fails", "ci-old"), r.matched());
        assertEquals(List.of("ci-old"), r.deleted());
        assertEquals(List.of("ci-fails"), List.copyOf(r.failed().keySet()));
        assertTrue(r.failed().get("ci-fails").contains("branch has children"), r.failed().toString());
    }

    @Test
    void aProjectIdThatCannotBeRightIsRefusedUpFront() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new BranchLifecycle(s.client, "Foo Bar", null));
        assertEquals("project_id: \"Foo Bar\" is not a valid Neon project id (expected ^[a-z0-9-]{1,60}$)", e.getMessage());
    }
}
