package dev.neonci.core.it;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.BranchListQuery;
import dev.neonci.core.client.CreateBranchRequest;
import dev.neonci.core.client.CreateEndpointRequest;
import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.ConnectionOptions;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.SweepRequest;
import dev.neonci.core.wait.Deadline;
import dev.neonci.emulator.RecordedRequest;
import dev.neonci.emulator.spec.NeonOpenApi;
import dev.neonci.emulator.spec.SpecReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every request the client sends — through every client call and lifecycle path — is valid against Neon's
 * official OpenAPI document (path, method, query parameters, body schema, bearer auth).
 */
class SpecConformanceTest {

    @Test
    void everyRequestTheClientSendsMatchesTheOfficialSpec() {
        NeonOpenApi spec = NeonOpenApi.load();
        try (Emulated e = new Emulated(Duration.ofMillis(20))) {
            Deadline d = Deadline.after(Duration.ofSeconds(30));
            String p = e.projectId();
            for (int i = 0; i < 5; i++) {
                e.client.createBranch(p, CreateBranchRequest.builder("spec-" + i).withoutEndpoint().build());
                e.emulator.operations();
                waitUnlocked(e);
            }
            e.client.listBranches(p, BranchListQuery.search("spec-").withLimit(2));
            e.client.listAllBranches(p, null);
            BranchConnection c = e.lifecycle.ensureBranch(EnsureBranchRequest.builder("spec-full")
                    .parent("main")
                    .schemaOnly(true)
                    .expiresAt(Instant.now().plus(1, ChronoUnit.DAYS))
                    .parentTimestamp(Instant.now().minusSeconds(5))
                    .suspendTimeoutSeconds(300)
                    .autoscalingLimits(0.25, 2.0)
                    .build(), d);
            e.lifecycle.ensureBranch(EnsureBranchRequest.builder("spec-0").build(), d); // creates an endpoint
            e.lifecycle.ensureBranch(EnsureBranchRequest.builder("spec-lsn").parentLsn("0/1DE2850").build(), d);
            e.client.connectionUri(p, c.branchId(), c.endpointId(), c.database(), c.role(), true);
            e.client.connectionUri(p, c.branchId(), null, c.database(), c.role(), false);
            e.client.listBranchEndpoints(p, c.branchId());
            e.lifecycle.resetToParent("spec-1", ConnectionOptions.defaults(), d);
            e.lifecycle.deleteBranch("spec-full", d);
            e.lifecycle.deleteBranch(c.branchId(), d);
            e.lifecycle.sweep(new SweepRequest("spec-", Duration.ZERO, true), d);
            e.lifecycle.sweep(new SweepRequest("spec-", Duration.ZERO, false), d);
            waitUnlocked(e);
            try {
                e.client.createEndpoint(p, CreateEndpointRequest.builder(e.emulator.defaultBranchId())
                        .autoscalingLimits(0.25, 1.0).suspendTimeoutSeconds(-1).build());
            } catch (RuntimeException alreadyHasOne) {
                // the default branch has its endpoint already; the request itself is what is validated
            }

            List<RecordedRequest> sent = e.emulator.requestLog().snapshot();
            List<SpecReport> reports = sent.stream().map(spec::validateRequest).collect(Collectors.toList());
            List<SpecReport> invalid = reports.stream().filter(r -> !r.valid()).collect(Collectors.toList());
            assertTrue(invalid.isEmpty(), invalid.stream().map(SpecReport::toString).collect(Collectors.joining("\n")));

            Set<String> covered = new TreeSet<>();
            for (RecordedRequest r : sent) {
                covered.add(r.method() + " " + r.path().replace("/api/v2/projects/" + p, "")
                        .replaceAll("/br-[a-z0-9-]+", "/{branch}").replaceAll("/operations/[^/]+", "/operations/{op}")
                        .replaceAll("/roles/[^/]+/", "/roles/{role}/"));
            }
            assertTrue(covered.containsAll(Set.of("POST /branches", "GET /branches", "GET /branches/{branch}",
                    "DELETE /branches/{branch}", "POST /branches/{branch}/restore", "GET /operations/{op}",
                    "GET /branches/{branch}/endpoints", "POST /endpoints", "GET /branches/{branch}/roles",
                    "GET /branches/{branch}/databases", "GET /branches/{branch}/roles/{role}/reveal_password",
                    "GET /connection_uri")), covered.toString());

            // Control: the validator does catch a request that breaks the spec (an EndpointType not in its enum).
            e.emulator.requestLog().clear();
            try {
                e.client.createEndpoint(p, CreateEndpointRequest.builder(c.branchId()).type("read_sometimes").build());
            } catch (RuntimeException expected) {
                // whatever the emulator answers
            }
            assertFalse(spec.validateRequest(e.emulator.requestLog().last()).valid());
        }
    }

    private static void waitUnlocked(Emulated e) {
        long until = System.nanoTime() + 5_000_000_000L;
        while (e.emulator.operations().projectLocked() && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                throw new AssertionError(ex);
            }
        }
    }
}
