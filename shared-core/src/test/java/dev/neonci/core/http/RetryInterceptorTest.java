package dev.neonci.core.http;

import static dev.neonci.core.testing.Scripted.error;
import static dev.neonci.core.testing.Scripted.json;
import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.CreateBranchRequest;
import dev.neonci.core.client.NeonApiException;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonLockedException;
import dev.neonci.core.client.NeonRateLimitException;
import dev.neonci.core.client.NeonTransportException;
import dev.neonci.core.testing.Scripted;
import dev.neonci.core.wait.Deadline;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which answers are retried, how long the client waits, and that all of it stays inside the deadline. */
class RetryInterceptorTest {

    static final String P = "p-1";
    static final String BRANCH = "{\"branch\":{\"id\":\"br-1\",\"name\":\"ci-1\"},\"operations\":[]}";
    final Scripted s = new Scripted(Duration.ofMillis(500));
    final List<String> retries = new ArrayList<>();

    @AfterEach
    void close() {
        s.close();
    }

    NeonClient client(Duration budget) {
        return s.client.withDeadline(Deadline.after(budget, s.time), (reason, delay) -> retries.add(reason + " / " + delay.toMillis()));
    }

    @Test
    void lockedAndUnavailableAreRetriedEvenForPostWithGrowingBackoff() {
        s.enqueue(error(423, "", "project already has running operations"));
        s.enqueue(error(503, "", "unavailable"));
        s.enqueue(error(423, "", "still locked"));
        s.enqueue(json(201, BRANCH));
        client(Duration.ofMinutes(1)).createBranch(P, CreateBranchRequest.builder("ci-1").build());
        assertEquals(4, s.server.getRequestCount());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000)), s.time.sleeps);
        assertEquals(List.of("Neon answered 423 Locked / 500", "Neon answered 503 Service Unavailable / 1000",
                "Neon answered 423 Locked / 2000"), retries);
    }

    @Test
    void tooManyRequestsHonoursRetryAfterSeconds() {
        s.enqueue(error(429, "", "rate limited").setHeader("Retry-After", "7"));
        s.enqueue(json(200, BRANCH));
        client(Duration.ofMinutes(1)).getBranch(P, "br-1");
        assertEquals(List.of(Duration.ofSeconds(7)), s.time.sleeps);
    }

    @Test
    void tooManyRequestsHonoursRetryAfterHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(s.time.instant().plusSeconds(3).atZone(java.time.ZoneOffset.UTC));
        s.enqueue(error(429, "", "rate limited").setHeader("Retry-After", date));
        s.enqueue(json(200, BRANCH));
        client(Duration.ofMinutes(1)).getBranch(P, "br-1");
        assertEquals(List.of(Duration.ofSeconds(3)), s.time.sleeps);
    }

    @Test
    void aRetryAfterOfZeroOrInThePastStillPausesForTheBackoff() {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(s.time.instant().minusSeconds(5).atZone(java.time.ZoneOffset.UTC));
        s.enqueue(error(429, "", "rate limited").setHeader("Retry-After", "0"));
        s.enqueue(error(429, "", "rate limited").setHeader("Retry-After", past));
        s.enqueue(json(200, BRANCH));
        client(Duration.ofMinutes(1)).getBranch(P, "br-1");
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), s.time.sleeps,
                "a runner clock ahead of Neon's must not make the client hammer a rate-limited API");
    }

    @Test
    void tooManyRequestsWithoutRetryAfterUsesTheBackoff() {
        s.enqueue(error(429, "", "rate limited"));
        s.enqueue(json(200, BRANCH));
        client(Duration.ofMinutes(1)).getBranch(P, "br-1");
        assertEquals(List.of(Duration.ofMillis(500)), s.time.sleeps);
    }

    @Test
    void aRetryAfterBeyondTheDeadlineIsNotWaitedFor() {
        s.enqueue(error(429, "", "rate limited").setHeader("Retry-After", "120"));
        NeonRateLimitException e = assertThrows(NeonRateLimitException.class, () -> client(Duration.ofSeconds(30)).getBranch(P, "br-1"));
        assertTrue(s.time.sleeps.isEmpty());
        assertTrue(e.getMessage().startsWith("Neon answered 429 Too Many Requests for GET /projects/p-1/branches/br-1"), e.getMessage());
    }

    @Test
    void retriesStopAtTheDeadlineAndTheErrorSaysSo() {
        for (int i = 0; i < 20; i++) {
            s.enqueue(error(423, "", "locked"));
        }
        NeonLockedException e = assertThrows(NeonLockedException.class, () -> client(Duration.ofSeconds(10)).getBranch(P, "br-1"));
        long slept = s.time.sleeps.stream().mapToLong(Duration::toMillis).sum();
        assertTrue(slept <= 10_000, "slept " + slept);
        assertEquals(List.of(500L, 1000L, 2000L, 4000L), s.time.sleeps.stream().map(Duration::toMillis).toList());
        assertTrue(e.getMessage().contains("gave up after 5 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("(request id "), e.getMessage());
        assertEquals(423, e.status());
    }

    @Test
    void otherServerErrorsAreRetriedForGetAndDeleteOnly() {
        s.enqueue(error(500, "", "oops"));
        s.enqueue(json(200, BRANCH));
        client(Duration.ofMinutes(1)).getBranch(P, "br-1");
        assertEquals(2, s.server.getRequestCount());

        s.enqueue(error(502, "", "bad gateway"));
        s.enqueue(json(200, BRANCH));
        client(Duration.ofMinutes(1)).deleteBranch(P, "br-1");
        assertEquals(4, s.server.getRequestCount());

        s.enqueue(error(500, "", "oops"));
        NeonApiException e = assertThrows(NeonApiException.class,
                () -> client(Duration.ofMinutes(1)).createBranch(P, CreateBranchRequest.builder("x").build()));
        assertEquals(500, e.status());
        assertEquals(5, s.server.getRequestCount(), "a POST answered 500 is not re-sent");
    }

    @Test
    void clientErrorsAreNotRetried() {
        s.enqueue(error(400, "", "bad"));
        assertThrows(NeonApiException.class, () -> client(Duration.ofMinutes(1)).getBranch(P, "br-1"));
        assertEquals(1, s.server.getRequestCount());
        assertTrue(s.time.sleeps.isEmpty());
    }

    @Test
    void aGetWhoseConnectionDropsIsRetried() {
        s.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        s.enqueue(json(200, BRANCH));
        assertEquals("br-1", client(Duration.ofMinutes(1)).getBranch(P, "br-1").id());
        assertEquals(2, s.server.getRequestCount());
        assertTrue(retries.get(0).startsWith("Could not reach Neon"), retries.toString());
    }

    @Test
    void aPostThatWasSentAndLostItsAnswerIsNotReSentAndSaysItMayHaveBeenApplied() {
        s.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        s.enqueue(json(201, BRANCH));
        NeonTransportException e = assertThrows(NeonTransportException.class,
                () -> client(Duration.ofMinutes(1)).createBranch(P, CreateBranchRequest.builder("ci-1").build()));
        assertTrue(e.mayHaveBeenApplied());
        assertEquals(1, s.server.getRequestCount());
        assertTrue(e.getMessage().contains("POST /projects/p-1/branches"), e.getMessage());
    }

    @Test
    void aPostThatTimesOutAfterSendingIsNotReSent() {
        s.enqueue(json(201, BRANCH).setHeadersDelay(2, java.util.concurrent.TimeUnit.SECONDS));
        NeonTransportException e = assertThrows(NeonTransportException.class,
                () -> client(Duration.ofMinutes(1)).createBranch(P, CreateBranchRequest.builder("ci-1").build()));
        assertTrue(e.mayHaveBeenApplied());
        assertEquals(1, s.server.getRequestCount());
    }

    @Test
    void aPostThatNeverLeftIsRetried() throws Exception {
        // Nothing listens on the port any more: connection refused, so the request was never sent.
        int port = s.server.getPort();
        s.server.shutdown();
        NeonClient c = NeonClient.builder().apiKey("k").baseUrl("http://127.0.0.1:" + port + "/api/v2")
                .clock(s.time).sleeper(s.time).backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), () -> 1.0)).build();
        NeonTransportException e = assertThrows(NeonTransportException.class,
                () -> c.withDeadline(Deadline.after(Duration.ofMillis(420), s.time), null)
                        .createBranch(P, CreateBranchRequest.builder("ci-1").build()));
        assertFalse(e.mayHaveBeenApplied());
        assertEquals(3, s.time.sleeps.size(), "connection refused is safe to retry even for POST");
        assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
        c.close();
    }

    @Test
    void backoffGrowsAndIsJitteredWithinBounds() {
        Backoff top = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), () -> 1.0);
        Backoff bottom = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), () -> 0.0);
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 8000L),
                java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(i -> top.delay(i).toMillis()).toList());
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 4000L),
                java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(i -> bottom.delay(i).toMillis()).toList());
        Backoff real = Backoff.defaults();
        for (int i = 0; i < 200; i++) {
            long d = real.delay(3).toMillis();
            assertTrue(d >= 1000 && d <= 2000, "jitter stays in [d/2, d]: " + d);
        }
    }
}
