package dev.neonci.core.it;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.CreateBranchRequest;
import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.client.NeonNotFoundException;
import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.SslMode;
import dev.neonci.core.wait.Deadline;
import dev.neonci.emulator.EmulatedBranch;
import dev.neonci.emulator.RecordedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Get-or-create against the emulator over real HTTP. */
class EnsureBranchTest {

    static Deadline seconds(int s) {
        return Deadline.after(Duration.ofSeconds(s));
    }

    @Test
    void createsThenReusesByName() throws Exception {
        try (Emulated e = new Emulated(Duration.ofMillis(100))) {
            BranchConnection first = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-42").build(), seconds(20));
            BranchConnection again = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-42").build(), seconds(20));
            assertTrue(first.created());
            assertFalse(again.created());
            assertEquals(first.branchId(), again.branchId());
            assertTrue(first.dbUrl().equals(again.dbUrl()), "the reused branch gave another URL (not printed: it holds the password)");
            assertEquals(1, e.liveBranchesNamed("ci-42"));

            assertEquals("neondb_owner", first.role());
            assertEquals("neondb", first.database());
            assertEquals(SslMode.REQUIRE, first.sslMode());
            assertTrue(first.poolerHost().startsWith(first.endpointId() + "-pooler."), first.poolerHost());
            URI uri = URI.create(first.dbUrl());
            assertEquals("postgresql", uri.getScheme());
            assertEquals(first.host(), uri.getHost());
            assertEquals("/neondb", uri.getPath());
            assertEquals("sslmode=require", uri.getQuery());
            assertTrue(("neondb_owner:" + first.password()).equals(URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8)),
                    "user info is not role:password (not printed)");
            assertEquals(first.poolerHost(), URI.create(first.dbUrlPooled()).getHost());
            assertFalse(e.emulator.operations().projectLocked(), "returned only after every operation finished");
            EmulatedBranch b = e.emulator.branches(e.projectId()).stream().filter(x -> x.name().equals("ci-42")).findFirst().orElseThrow();
            assertEquals("ready", b.state());
            assertEquals(e.emulator.defaultBranchId(), b.parentId());
            assertTrue(e.listener.all().contains("Creating branch ci-42 from the default branch"), e.listener.all());
            assertTrue(e.listener.all().contains("Reusing branch ci-42"), e.listener.all());
        }
    }

    @Test
    void matchesTheExactNameAmongSimilarNamesAcrossSeveralPages() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            for (int i = 0; i < 230; i++) {
                e.client.createBranch(e.projectId(), CreateBranchRequest.builder("feat-1" + i).withoutEndpoint().build());
                if (i == 150) {
                    e.client.createBranch(e.projectId(), CreateBranchRequest.builder("feat-1").build());
                }
            }
            e.client.createBranch(e.projectId(), CreateBranchRequest.builder("xfeat-1").withoutEndpoint().build());
            String target = e.emulator.branches(e.projectId()).stream().filter(b -> b.name().equals("feat-1"))
                    .findFirst().orElseThrow().id();
            e.emulator.requestLog().clear();

            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("feat-1").build(), seconds(20));
            assertFalse(c.created());
            assertEquals(target, c.branchId());
            List<RecordedRequest> pages = e.emulator.requestLog().matching("GET", "/branches$");
            assertTrue(pages.size() >= 3, "walked the pages: " + pages.size());
            assertTrue(pages.get(1).query().contains("cursor="), pages.get(1).query());

            BranchConnection fresh = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("feat-").build(), seconds(20));
            assertTrue(fresh.created(), "a name that only matches as a substring is a new branch");
            assertEquals(1, e.liveBranchesNamed("feat-1"));
        }
    }

    @Test
    void createsFromAParentGivenByNameOrIdWithTheRequestedOptions() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            BranchConnection base = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("base").build(), seconds(20));
            Instant expiry = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            BranchConnection child = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("child")
                    .parent("base").schemaOnly(true).expiresAt(expiry).suspendTimeoutSeconds(300)
                    .autoscalingLimits(0.25, 1.0).sslMode(SslMode.VERIFY_FULL).build(), seconds(20));
            EmulatedBranch b = e.emulator.branches(e.projectId()).stream().filter(x -> x.name().equals("child")).findFirst().orElseThrow();
            assertEquals(base.branchId(), b.parentId());
            assertTrue(child.dbUrl().endsWith("?sslmode=verify-full"));
            assertEquals(expiry, child.expiresAt().orElseThrow());
            String body = e.emulator.requestLog().matching("POST", "/branches$").get(1).body();
            assertTrue(body.contains("\"init_source\":\"schema-only\""), body);
            assertTrue(body.contains("\"suspend_timeout_seconds\":300"), body);

            BranchConnection byId = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("grandchild")
                    .parent(base.branchId()).build(), seconds(20));
            assertTrue(byId.created());

            InvalidInputException missing = assertThrows(InvalidInputException.class, () -> e.lifecycle.ensureBranch(
                    EnsureBranchRequest.builder("orphan").parent("no-such-parent").build(), seconds(20)));
            assertEquals("parent_branch", missing.input());
            assertEquals("parent_branch: no branch named or with id \"no-such-parent\" in project " + e.projectId(), missing.getMessage());
            assertEquals(0, e.liveBranchesNamed("orphan"));
        }
    }

    @Test
    void aBranchWithoutComputeGetsAReadWriteEndpoint() {
        try (Emulated e = new Emulated(Duration.ofMillis(50))) {
            e.client.createBranch(e.projectId(), CreateBranchRequest.builder("bare").withoutEndpoint().build());
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("bare").build(), seconds(20));
            assertFalse(c.created());
            assertEquals(1, e.emulator.requestLog().matching("POST", "/endpoints$").size());
            assertTrue(c.host().startsWith(c.endpointId()), c.host());
            assertTrue(e.listener.all().contains("has no read_write endpoint; creating one"), e.listener.all());
        }
    }

    @Test
    void givenRoleAndDatabaseAreUsedAndAMissingRoleIsReportedByName() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-r").role("neondb_owner")
                    .database("neondb").build(), seconds(20));
            assertEquals("neondb_owner", c.role());
            NeonNotFoundException nf = assertThrows(NeonNotFoundException.class, () -> e.lifecycle.ensureBranch(
                    EnsureBranchRequest.builder("ci-r").role("ghost").build(), seconds(20)));
            assertTrue(nf.getMessage().startsWith("Neon: role ghost on branch " + c.branchId() + " in project " + e.projectId()
                    + " not found"), nf.getMessage());
        }
    }

    @Test
    void aProjectThatDoesNotStorePasswordsGetsAClearError() {
        try (Emulated e = new Emulated(Duration.ZERO)) {
            e.emulator.faults().next("GET", "/reveal_password$", 1, dev.neonci.emulator.Fault.status(412)
                    .withMessage("Storing passwords is disabled"));
            var ex = assertThrows(dev.neonci.core.client.NeonApiException.class,
                    () -> e.lifecycle.ensureBranch(EnsureBranchRequest.builder("ci-412").build(), seconds(20)));
            assertEquals(412, ex.status());
            assertTrue(ex.getMessage().startsWith("Neon does not store the password of role neondb_owner (HTTP 412: Storing passwords is disabled)"),
                    ex.getMessage());
        }
    }

    @Test
    void twoJobsEnsuringTheSameNameAtOnceGetOneBranch() throws Exception {
        try (Emulated e = new Emulated(Duration.ofMillis(100))) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(() -> e.lifecycle.ensureBranch(EnsureBranchRequest.builder("race").build(), seconds(30)));
                var b = pool.submit(() -> e.lifecycle.ensureBranch(EnsureBranchRequest.builder("race").build(), seconds(30)));
                BranchConnection ca = a.get();
                BranchConnection cb = b.get();
                assertEquals(ca.branchId(), cb.branchId());
                assertEquals(1, e.liveBranchesNamed("race"));
                assertTrue(ca.created() || cb.created());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void reportsProgressWhileWaitingThroughSlowOperations() {
        try (Emulated e = new Emulated(Duration.ofMillis(700))) {
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("slow").build(), seconds(30));
            assertTrue(c.timeToReady().compareTo(Duration.ofMillis(700)) >= 0, c.timeToReady().toString());
            assertFalse(e.emulator.operations().projectLocked());
            assertFalse(e.listener.waits.isEmpty());
            assertTrue(e.listener.all().contains("Waiting for "), e.listener.all());
            long polls = e.emulator.requestLog().matching("GET", "/operations/").size();
            assertTrue(polls <= 16, "polls: " + polls);
            List<String> statuses = e.emulator.requestLog().matching("GET", "/operations/").stream()
                    .map(RecordedRequest::responseBody).map(s -> s.replaceAll(".*\"status\":\"([a-z]+)\".*", "$1"))
                    .collect(Collectors.toList());
            assertEquals("finished", statuses.get(statuses.size() - 1));
        }
    }
}
