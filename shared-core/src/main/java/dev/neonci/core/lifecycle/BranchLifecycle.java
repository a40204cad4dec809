package dev.neonci.core.lifecycle;

import dev.neonci.core.client.Branch;
import dev.neonci.core.client.CreateBranchRequest;
import dev.neonci.core.client.CreateBranchResponse;
import dev.neonci.core.client.CreateEndpointRequest;
import dev.neonci.core.client.Database;
import dev.neonci.core.client.DeleteBranchResponse;
import dev.neonci.core.client.Durations;
import dev.neonci.core.client.Endpoint;
import dev.neonci.core.client.EndpointOperations;
import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.client.NeonApiException;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonException;
import dev.neonci.core.client.NeonNotFoundException;
import dev.neonci.core.client.NeonTimeoutException;
import dev.neonci.core.client.NeonTransportException;
import dev.neonci.core.client.Operation;
import dev.neonci.core.client.Role;
import dev.neonci.core.wait.Deadline;
import dev.neonci.core.wait.OperationWaiter;
import dev.neonci.core.wait.PollSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The branch lifecycle both front ends call: ensure (get-or-create and make usable), delete, reset to
 * parent, sweep. Every method is bounded by one {@link Deadline} and reports through the
 * {@link ProgressListener}; none prints.
 *
 * <p>Thread-safe (holds no mutable state); create one per project.
 */
public final class BranchLifecycle {

    /** Neon's defaults in a new project (not in the spec; what Neon's console and peers use). */
    public static final String DEFAULT_ROLE = "neondb_owner";
    public static final String DEFAULT_DATABASE = "neondb";

    private static final Pattern ID = Pattern.compile("^[a-z0-9-]{1,60}$");
    /** How often an ambiguous create is re-checked and re-sent before giving up. */
    private static final int MAX_CREATE_ATTEMPTS = 3;
    /** Neon's limit for a branch's {@code expires_at}. */
    private static final Duration MAX_EXPIRY = Duration.ofDays(30);

    private final NeonClient client;
    private final String projectId;
    private final ProgressListener listener;
    private final PollSchedule schedule;

    public BranchLifecycle(NeonClient client, String projectId, ProgressListener listener) {
        this(client, projectId, listener, PollSchedule.defaults());
    }

    public BranchLifecycle(NeonClient client, String projectId, ProgressListener listener, PollSchedule schedule) {
        this.client = Objects.requireNonNull(client, "client");
        if (projectId == null || !ID.matcher(projectId).matches()) {
            throw new InvalidInputException("project_id", "\"" + String.valueOf(projectId).replaceAll("\\p{Cntrl}", "?")
                    + "\" is not a valid Neon project id (expected ^[a-z0-9-]{1,60}$)");
        }
        this.projectId = projectId;
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    public String projectId() {
        return projectId;
    }

    // ------------------------------------------------------------------ ensure

    /**
     * Gets the branch named {@code request.branchName()} or creates it, waits until it is ready, makes
     * sure it has a read_write endpoint, picks role and database, reveals the password and builds the URIs.
     *
     * <p>A create whose answer was lost (reset, timeout, 5xx after sending) is not re-sent blindly: the
     * branch is looked up by name first, so no duplicate and no orphan result. A create that loses a race
     * with another job creating the same name reuses that branch ({@code created() == false}).
     */
    public BranchConnection ensureBranch(EnsureBranchRequest request, Deadline deadline) {
        Objects.requireNonNull(request, "request");
        checkExpiry(request.expiresAt());
        Call call = new Call(deadline);
        String name = request.branchName();
        Branch branch;
        boolean created;
        List<Operation> operations = List.of();
        Optional<Branch> existing = call.neon.findBranchByName(projectId, name);
        if (existing.isPresent()) {
            branch = existing.get();
            created = false;
            listener.info("Reusing branch " + name + " (" + branch.id() + ")");
        } else {
            Created c = create(call, request);
            branch = c.branch;
            created = c.created;
            operations = c.operations;
        }
        call.waiter.awaitAll(operations, deadline);
        return connect(call, branch, created, request.connectionOptions(), request);
    }

    /**
     * Neon accepts an expiry in the future and at most 30 days ahead; refuse anything else here, before any
     * request (as {@code Inputs.expiresAt} does for text input), rather than with Neon's 400 after one.
     */
    private void checkExpiry(Instant expiresAt) {
        if (expiresAt == null) {
            return;
        }
        Instant now = client.clock().instant();
        String at = expiresAt.truncatedTo(ChronoUnit.SECONDS).toString();
        if (!expiresAt.isAfter(now)) {
            throw new InvalidInputException("expires_at", "\"" + at + "\" is not in the future (now is "
                    + now.truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        if (expiresAt.isAfter(now.plus(MAX_EXPIRY))) {
            throw new InvalidInputException("expires_at", "\"" + at + "\" is more than 30 days ahead (Neon's limit for branch expiry)");
        }
    }

    private Created create(Call call, EnsureBranchRequest request) {
        String name = request.branchName();
        String parentId = null;
        String parentLabel = "the default branch";
        if (request.parent() != null) {
            Branch parent = resolve(call, request.parent()).orElseThrow(() -> new InvalidInputException("parent_branch",
                    "no branch named or with id \"" + request.parent() + "\" in project " + projectId));
            parentId = parent.id();
            parentLabel = parent.name();
        }
        CreateBranchRequest.Builder create = CreateBranchRequest.builder(name)
                .parentId(parentId)
                .parentLsn(request.parentLsn())
                .parentTimestamp(request.parentTimestamp())
                .schemaOnly(request.schemaOnly())
                .expiresAt(request.expiresAt())
                .suspendTimeoutSeconds(request.suspendTimeoutSeconds())
                .autoscalingLimits(request.minCu(), request.maxCu());
        listener.info("Creating branch " + name + " from " + parentLabel
                + (request.schemaOnly() ? " (schema only)" : "")
                + (request.expiresAt() != null ? ", expires " + request.expiresAt() : ""));
        for (int attempt = 1; ; attempt++) {
            try {
                CreateBranchResponse r = call.neon.createBranch(projectId, create.build());
                listener.info("Created branch " + name + " (" + r.branch().id() + ")");
                return new Created(r.branch(), true, r.operations());
            } catch (NeonTransportException e) {
                if (!e.mayHaveBeenApplied()) {
                    throw e;
                }
                listener.info("The answer to creating branch " + name + " was lost (" + e.getMessage()
                        + "); checking whether Neon created it");
                Optional<Created> found = recheck(call, name, true);
                if (found.isPresent()) {
                    return found.get();
                }
                if (attempt >= MAX_CREATE_ATTEMPTS) {
                    throw e;
                }
            } catch (NeonApiException e) {
                if (isAlreadyExists(e)) {
                    listener.info("Branch " + name + " was created concurrently; reusing it");
                    Optional<Created> found = recheck(call, name, false);
                    if (found.isPresent()) {
                        return found.get();
                    }
                    throw e;
                }
                if (e.status() < 500) {
                    throw e;
                }
                // A 5xx to a POST may still have been applied: look before trying again.
                listener.info("Neon answered HTTP " + e.status() + " to creating branch " + name
                        + "; checking whether it created it anyway");
                Optional<Created> found = recheck(call, name, true);
                if (found.isPresent()) {
                    return found.get();
                }
                if (attempt >= MAX_CREATE_ATTEMPTS) {
                    throw e;
                }
            }
            listener.info("Branch " + name + " does not exist; creating it again");
        }
    }

    /** After an ambiguous create: the branch by name, if Neon has it. Its operations are unknown here. */
    private Optional<Created> recheck(Call call, String name, boolean createdByUs) {
        return call.neon.findBranchByName(projectId, name).map(b -> {
            listener.info("Found branch " + name + " (" + b.id() + ")");
            return new Created(b, createdByUs, List.of());
        });
    }

    /** Neon documents no 409; its duplicate-name error is recognised by its message (as neonctl users do). */
    private static boolean isAlreadyExists(NeonApiException e) {
        return e.status() == 409 || e.neonMessage().toLowerCase(Locale.ROOT).contains("already exists");
    }

    private static final class Created {
        final Branch branch;
        final boolean created;
        final List<Operation> operations;

        Created(Branch branch, boolean created, List<Operation> operations) {
            this.branch = branch;
            this.created = created;
            this.operations = operations;
        }
    }

    // ------------------------------------------------------------------ connect

    /**
     * Connection details of an existing branch, waiting until it is usable (and creating its read_write
     * endpoint if it has none). Not part of the front ends' required contract, but what both need to hand
     * out an existing branch without creating one.
     */
    public BranchConnection connection(String nameOrId, ConnectionOptions options, Deadline deadline) {
        Call call = new Call(deadline);
        Branch branch = resolve(call, nameOrId).orElseThrow(() -> notFound(nameOrId));
        return connect(call, branch, false, options, null);
    }

    private BranchConnection connect(Call call, Branch branch, boolean created, ConnectionOptions options,
                                     EnsureBranchRequest request) {
        String name = branch.name();
        Branch ready = call.waiter.until("branch " + name,
                () -> call.neon.getBranch(projectId, branch.id()),
                b -> !b.isTransitional(),
                b -> stateOf(b.currentState(), b.pendingState()),
                call.deadline);
        Endpoint endpoint = ensureEndpoint(call, ready, request);
        Map<String, String> picked = pickRoleAndDatabase(call, ready, options);
        String role = picked.get("role");
        String database = picked.get("database");
        if (endpoint.host() == null || endpoint.host().isEmpty()) {
            throw new NeonException("Neon returned endpoint " + endpoint.id() + " of branch " + name + " without a host");
        }
        String password = revealPassword(call, ready, role);
        BranchConnection c = BranchConnection.builder()
                .branchId(ready.id())
                .branchName(name)
                .created(created)
                .endpointId(endpoint.id())
                .host(endpoint.host())
                .poolerHost(endpoint.poolerHost())
                .role(role)
                .database(database)
                .password(password)
                .sslMode(options.sslMode())
                .expiresAt(ready.expiresAt())
                .timeToReady(call.deadline.elapsed().minus(call.start))
                .build();
        listener.info("Branch " + name + " is ready (" + ready.id() + ", " + endpoint.host() + ", role " + role
                + ", database " + database + ") after " + Durations.format(c.timeToReady()));
        return c;
    }

    private String revealPassword(Call call, Branch branch, String role) {
        try {
            return call.neon.revealRolePassword(projectId, branch.id(), role);
        } catch (NeonApiException e) {
            if (e.status() != 412) {
                throw e;
            }
            // The spec's 412: "Storing passwords is disabled" for the project.
            throw new NeonApiException("Neon does not store the password of role " + role + " (HTTP 412"
                    + (e.neonMessage().isEmpty() ? "" : ": " + e.neonMessage()) + "), so no connection string can be built;"
                    + " enable password storage for the project or choose another role"
                    + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")"),
                    412, e.code(), e.neonMessage(), e.requestId());
        }
    }

    private Endpoint ensureEndpoint(Call call, Branch branch, EnsureBranchRequest request) {
        Optional<Endpoint> rw = readWrite(call, branch.id());
        boolean createdHere = false;
        if (rw.isEmpty()) {
            createdHere = true;
            listener.info("Branch " + branch.name() + " has no read_write endpoint; creating one");
            CreateEndpointRequest.Builder create = CreateEndpointRequest.builder(branch.id());
            if (request != null) {
                create.autoscalingLimits(request.minCu(), request.maxCu())
                        .suspendTimeoutSeconds(request.suspendTimeoutSeconds());
            }
            try {
                EndpointOperations e = call.neon.createEndpoint(projectId, create.build());
                call.waiter.awaitAll(e.operations(), call.deadline);
            } catch (NeonApiException e) {
                if (!isAlreadyExists(e)) {
                    throw e;
                }
                // Created concurrently (another job ensuring the same branch): use that one.
                listener.info("Branch " + branch.name() + " got its read_write endpoint concurrently; using it");
            } catch (NeonTransportException e) {
                if (!e.mayHaveBeenApplied()) {
                    throw e;
                }
                // Neon allows one read_write endpoint per branch: look instead of sending again.
                listener.info("The answer to creating the endpoint was lost; checking whether Neon created it");
                if (readWrite(call, branch.id()).isEmpty()) {
                    EndpointOperations again = call.neon.createEndpoint(projectId, create.build());
                    call.waiter.awaitAll(again.operations(), call.deadline);
                }
            }
        }
        Endpoint first = createdHere ? readWrite(call, branch.id()).orElse(null) : rw.get();
        return call.waiter.until("endpoint of branch " + branch.name(), first,
                () -> readWrite(call, branch.id()).orElse(null),
                e -> e != null && !e.isTransitional(),
                e -> e == null ? "missing" : stateOf(e.currentState(), e.pendingState()),
                call.deadline);
    }

    private Optional<Endpoint> readWrite(Call call, String branchId) {
        return call.neon.listBranchEndpoints(projectId, branchId).stream().filter(Endpoint::isReadWrite).findFirst();
    }

    /**
     * Given names win. Else the database: the only one, else {@code neondb}. The role: the only one, else
     * the owner of the chosen database, else {@code neondb_owner}. A guess that does not exist on the branch
     * is an error naming the choices, rather than a confusing 404 later.
     */
    private Map<String, String> pickRoleAndDatabase(Call call, Branch branch, ConnectionOptions options) {
        String database = options.database();
        String role = options.role();
        Map<String, String> picked = new LinkedHashMap<>();
        if (database == null || role == null) {
            List<Database> databases = call.neon.listBranchDatabases(projectId, branch.id());
            List<Role> roles = role == null ? call.neon.listBranchRoles(projectId, branch.id()) : List.of();
            if (database == null) {
                if (databases.size() == 1) {
                    database = databases.get(0).name();
                } else if (databases.isEmpty() || databases.stream().anyMatch(d -> DEFAULT_DATABASE.equals(d.name()))) {
                    database = DEFAULT_DATABASE;
                } else {
                    throw new InvalidInputException("database", "branch " + branch.name() + " has several databases ("
                            + databases.stream().map(Database::name).collect(Collectors.joining(", "))
                            + "); choose one");
                }
            }
            if (role == null) {
                String db = database;
                Optional<String> owner = databases.stream()
                        .filter(d -> db.equals(d.name()) && d.ownerName() != null && !d.ownerName().isEmpty())
                        .map(Database::ownerName).findFirst();
                if (roles.size() == 1) {
                    role = roles.get(0).name();
                } else if (owner.isPresent()) {
                    role = owner.get();
                } else if (roles.isEmpty() || roles.stream().anyMatch(r -> DEFAULT_ROLE.equals(r.name()))) {
                    role = DEFAULT_ROLE;
                } else {
                    throw new InvalidInputException("role", "branch " + branch.name() + " has several roles ("
                            + roles.stream().map(Role::name).collect(Collectors.joining(", ")) + "); choose one");
                }
            }
        }
        picked.put("role", role);
        picked.put("database", database);
        return picked;
    }

    // ------------------------------------------------------------------ delete

    /**
     * Deletes the branch with that exact name (or, failing that, id) and waits for Neon to finish.
     * Idempotent: a branch that does not exist is not an error ({@code deleted() == false}).
     * The project's default branch is refused.
     */
    public DeleteResult deleteBranch(String nameOrId, Deadline deadline) {
        if (nameOrId == null || nameOrId.isBlank()) {
            throw new InvalidInputException("branch", "is empty (expected a branch name or id)");
        }
        Call call = new Call(deadline);
        Optional<Branch> found = resolve(call, nameOrId.trim());
        if (found.isEmpty()) {
            listener.info("Branch " + nameOrId.trim() + " does not exist; nothing to delete");
            return new DeleteResult(false, null, null);
        }
        Branch branch = found.get();
        if (branch.isDefault()) {
            throw new InvalidInputException("branch", "\"" + branch.name() + "\" is the project's default branch; refusing to delete it");
        }
        delete(call, branch);
        return new DeleteResult(true, branch.id(), branch.name());
    }

    private void delete(Call call, Branch branch) {
        listener.info("Deleting branch " + branch.name() + " (" + branch.id() + ")");
        DeleteBranchResponse r = call.neon.deleteBranch(projectId, branch.id());
        // A 204 here still means "gone": the branch existed a moment ago, and a retried DELETE whose first
        // attempt succeeded answers 204 too.
        call.waiter.awaitAll(r.operations(), call.deadline);
        listener.info("Deleted branch " + branch.name());
    }

    // ------------------------------------------------------------------ reset

    /**
     * Resets the branch to the current head of its parent ({@code POST …/restore} with the parent as source),
     * waits, and returns its connection details as {@link #ensureBranch} does (host and role do not change).
     * A root branch has no parent and is refused.
     */
    public BranchConnection resetToParent(String nameOrId, ConnectionOptions options, Deadline deadline) {
        if (nameOrId == null || nameOrId.isBlank()) {
            throw new InvalidInputException("branch", "is empty (expected a branch name or id)");
        }
        ConnectionOptions opts = options == null ? ConnectionOptions.defaults() : options;
        Call call = new Call(deadline);
        Branch branch = resolve(call, nameOrId.trim()).orElseThrow(() -> notFound(nameOrId.trim()));
        if (branch.isRoot()) {
            throw new InvalidInputException("branch", "\"" + branch.name() + "\" is a root branch (it has no parent);"
                    + " only a branch created from a parent can be reset to it");
        }
        listener.info("Resetting branch " + branch.name() + " (" + branch.id() + ") to its parent " + branch.parentId());
        List<Operation> ops;
        try {
            ops = call.neon.restoreBranch(projectId, branch.id(), branch.parentId()).operations();
        } catch (NeonTransportException e) {
            if (!e.mayHaveBeenApplied()) {
                throw e;
            }
            listener.info("The answer to the reset was lost; checking whether Neon applied it");
            Branch now = call.neon.getBranch(projectId, branch.id());
            boolean applied = "resetting".equals(now.currentState()) || now.pendingState() != null
                    || !Objects.equals(now.lastResetAt(), branch.lastResetAt());
            if (applied) {
                ops = List.of();
            } else {
                // Resetting to the parent's head twice gives the same result; sending it again is safe.
                ops = call.neon.restoreBranch(projectId, branch.id(), branch.parentId()).operations();
            }
        }
        call.waiter.awaitAll(ops, deadline);
        return connect(call, branch, false, opts, null);
    }

    // ------------------------------------------------------------------ sweep

    /**
     * Deletes the branches whose name starts with the prefix and that were created longer than
     * {@code olderThan} ago — never the default branch, never a protected one. Newest first, so a child is
     * deleted before its parent (Neon refuses to delete a branch with children). A failed deletion is
     * recorded and the sweep goes on; running out of time stops it.
     */
    public SweepResult sweep(SweepRequest request, Deadline deadline) {
        Objects.requireNonNull(request, "request");
        Call call = new Call(deadline);
        Instant cutoff = client.clock().instant().minus(request.olderThan());
        List<Branch> candidates = call.neon.listAllBranches(projectId, request.prefix()).stream()
                .filter(b -> b.name() != null && b.name().startsWith(request.prefix()))
                .filter(b -> !b.isDefault() && !b.isProtected())
                .filter(b -> b.createdAt() != null && !b.createdAt().isAfter(cutoff))
                .sorted(Comparator.comparing(Branch::createdAt).reversed())
                .collect(Collectors.toList());
        List<String> matched = candidates.stream().map(Branch::name).collect(Collectors.toList());
        listener.info("Sweep: " + matched.size() + " branch" + (matched.size() == 1 ? "" : "es") + " starting with \""
                + request.prefix() + "\" older than " + Durations.format(request.olderThan())
                + (request.dryRun() ? " (dry run, nothing is deleted)" : ""));
        List<String> deleted = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Branch b : candidates) {
            if (request.dryRun()) {
                listener.info("Would delete branch " + b.name() + " (" + b.id() + ", created " + b.createdAt() + ")");
                continue;
            }
            if (deadline.isExpired()) {
                failed.put(b.name(), "not attempted: the deadline passed");
                continue;
            }
            try {
                delete(call, b);
                deleted.add(b.name());
            } catch (NeonTimeoutException e) {
                failed.put(b.name(), e.getMessage());
            } catch (NeonException e) {
                listener.info("Could not delete branch " + b.name() + ": " + e.getMessage());
                failed.put(b.name(), e.getMessage());
            }
        }
        return new SweepResult(matched, deleted, failed, request.dryRun());
    }

    // ------------------------------------------------------------------ helpers

    /** Exact name first (names are what users give); then, if it looks like one, an id. */
    private Optional<Branch> resolve(Call call, String nameOrId) {
        Optional<Branch> byName = call.neon.findBranchByName(projectId, nameOrId);
        if (byName.isPresent() || !ID.matcher(nameOrId).matches()) {
            return byName;
        }
        try {
            return Optional.of(call.neon.getBranch(projectId, nameOrId));
        } catch (NeonNotFoundException e) {
            return Optional.empty();
        }
    }

    private NeonNotFoundException notFound(String nameOrId) {
        return new NeonNotFoundException("Neon: no branch named or with id \"" + nameOrId + "\" in project " + projectId,
                "", "", null);
    }

    private static String stateOf(String current, String pending) {
        String c = current == null ? "unknown" : current;
        return pending == null || pending.isEmpty() ? c : c + " -> " + pending;
    }

    /** Per-method state: the deadline-bound client view and waiter. */
    private final class Call {
        final Deadline deadline;
        final Duration start;
        final NeonClient neon;
        final OperationWaiter waiter;

        Call(Deadline deadline) {
            this.deadline = Objects.requireNonNull(deadline, "deadline");
            this.start = deadline.elapsed();
            this.neon = client.withDeadline(deadline, listener);
            this.waiter = new OperationWaiter(neon, projectId, schedule, listener);
        }
    }
}
