package dev.neonci.emulator.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.neonci.emulator.EmulatedBranch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The in-memory state of one emulated Neon project and every change the API can make to it.
 *
 * <p>Thread-safe: every public method runs under one lock, so each API call is atomic, like a
 * transaction in Neon's control plane. Operation progress is computed from the clock (see
 * {@link OperationRecord}), so reads at different times see operations advance without any
 * background thread.
 */
public final class ProjectStore {

    /** Neon caps branch names at 256 characters (BranchCreateRequest.branch.name maxLength). */
    private static final int MAX_BRANCH_NAME = 256;
    /** Neon documents a 30 day maximum for expires_at. */
    private static final Duration MAX_EXPIRY = Duration.ofDays(30);
    private static final String DEFAULT_ROLE = "neondb_owner";
    private static final String DEFAULT_DATABASE = "neondb";

    private final Object lock = new Object();
    private final String projectId;
    private final Duration operationDuration;
    private final Clock clock;
    private final NameGenerator names;
    private final Map<String, BranchRecord> branches = new LinkedHashMap<>();
    private final Map<String, EndpointRecord> endpoints = new LinkedHashMap<>();
    private final Map<String, List<RoleRecord>> rolesByBranch = new LinkedHashMap<>();
    private final Map<String, List<DatabaseRecord>> databasesByBranch = new LinkedHashMap<>();
    private final Map<String, OperationRecord> operations = new LinkedHashMap<>();
    private final List<OperationDirective> directives = new ArrayList<>();
    private final String defaultBranchId;
    private long sequence;
    private long nextDatabaseId = 1_000_001L;

    public ProjectStore(String projectId, Duration operationDuration, Clock clock, Random random) {
        this.projectId = projectId;
        this.operationDuration = operationDuration;
        this.clock = clock;
        this.names = new NameGenerator(random);
        this.defaultBranchId = createDefaultBranch(clock.instant());
    }

    public String projectId() {
        return projectId;
    }

    public String defaultBranchId() {
        return defaultBranchId;
    }

    /** Throws 404 unless {@code id} is this project. */
    public void requireProject(String id) {
        if (!projectId.equals(id)) {
            throw ApiError.notFound("project");
        }
    }

    // ---- branches -------------------------------------------------------------------------------

    /** POST /projects/{p}/branches: the 201 body (branch, endpoints, operations, roles, databases, connection_uris). */
    public JsonObject createBranch(BranchSpec spec) {
        synchronized (lock) {
            Instant now = clock.instant();
            BranchRecord parent = liveBranch(spec.parentId() == null ? defaultBranchId : spec.parentId(), "parent branch");
            String name = spec.name();
            if (name != null && (name.isEmpty() || name.length() > MAX_BRANCH_NAME)) {
                throw ApiError.badRequest("branch name must be 1 to " + MAX_BRANCH_NAME + " characters");
            }
            if (name != null && liveBranchNamed(name).isPresent()) {
                // Neon documents no 409 in its spec, but answers 409 with this kind of message
                // (neonctl and create-branch-action detect "already exists").
                throw new ApiError(409, "BRANCH_ALREADY_EXISTS", "branch with the provided name \"" + name + "\" already exists");
            }
            String initSource = spec.initSource();
            if (initSource != null && !initSource.equals("parent-data") && !initSource.equals("schema-only")) {
                throw ApiError.badRequest("init_source must be parent-data or schema-only");
            }
            if (spec.expiresAt() != null) {
                validateExpiry(spec.expiresAt(), spec.isProtected(), now);
            }
            long readWriteCount = spec.endpoints().stream().filter(e -> "read_write".equals(e.type())).count();
            if (readWriteCount > 1) {
                throw ApiError.badRequest("a branch can have only one read_write endpoint");
            }
            spec.endpoints().forEach(ProjectStore::validateEndpointSpec);
            ensureUnlocked(now);

            String branchId = names.branchId();
            BranchRecord branch = new BranchRecord(branchId, projectId, name == null ? branchId : name, parent.id,
                    names.lsn(), spec.parentTimestamp(), initSource == null ? "parent-data" : initSource, false,
                    spec.isProtected(), spec.expiresAt(), now, ++sequence);
            branch.annotation.putAll(spec.annotation());
            branches.put(branchId, branch);
            copyRolesAndDatabases(parent.id, branchId, now);

            List<OperationRecord> batch = new ArrayList<>();
            OperationRecord createOp = newOperation(now, batch.size(), branchId, null, "create_branch");
            batch.add(createOp);
            branch.stateOperationId = createOp.id();
            branch.transitionalState = "init";
            List<EndpointRecord> created = new ArrayList<>();
            for (EndpointSpec endpointSpec : spec.endpoints()) {
                EndpointRecord endpoint = newEndpoint(branchId, endpointSpec, now);
                OperationRecord startOp = newOperation(now, batch.size(), branchId, endpoint.id, "start_compute");
                batch.add(startOp);
                endpoint.startOperationId = startOp.id();
                created.add(endpoint);
            }

            JsonObject body = new JsonObject();
            body.add("branch", branchJson(branch, now));
            body.add("endpoints", JsonViews.array(created.stream().map(e -> endpointJson(e, now)).collect(Collectors.toList())));
            body.add("operations", operationsJson(batch, now));
            List<RoleRecord> roles = rolesByBranch.get(branchId);
            List<DatabaseRecord> databases = databasesByBranch.get(branchId);
            body.add("roles", JsonViews.array(roles.stream().map(JsonViews::role).collect(Collectors.toList())));
            body.add("databases", JsonViews.array(databases.stream().map(JsonViews::database).collect(Collectors.toList())));
            Optional<EndpointRecord> readWrite = created.stream().filter(e -> "read_write".equals(e.type)).findFirst();
            // Neon omits connection_uris when the parent has more than one role or database.
            if (readWrite.isPresent() && roles.size() == 1 && databases.size() == 1) {
                RoleRecord role = roles.get(0);
                DatabaseRecord database = databases.get(0);
                String host = readWrite.get().host;
                JsonArray uris = new JsonArray();
                uris.add(JsonViews.connectionDetails(
                        ConnectionUris.uri(role.name(), role.password(), host, database.name(), false),
                        database.name(), role.name(), role.password(), host));
                body.add("connection_uris", uris);
            }
            return body;
        }
    }

    /** GET /projects/{p}/branches. */
    public JsonObject listBranches(BranchQuery query) {
        synchronized (lock) {
            Instant now = clock.instant();
            String sortBy = query.sortBy() == null ? "updated_at" : query.sortBy();
            String sortOrder = query.sortOrder() == null ? "desc" : query.sortOrder();
            Comparator<BranchRecord> order = Comparator.comparing((BranchRecord b) -> sortKey(b, sortBy, now))
                    .thenComparingLong(b -> b.sequence);
            if (sortOrder.equals("desc")) {
                order = order.reversed();
            }
            String search = query.search() == null ? "" : query.search();
            List<BranchRecord> matching = branches.values().stream()
                    .filter(b -> query.includeDeleted() || !b.deleted())
                    .filter(b -> b.name.contains(search) || b.id.contains(search))
                    .sorted(order)
                    .collect(Collectors.toList());
            if (query.cursor() != null) {
                BranchCursor cursor = BranchCursor.decode(query.cursor(), sortBy, sortOrder);
                matching = matching.stream()
                        .filter(b -> cursor.isFollowedBy(sortKey(b, sortBy, now), b.sequence))
                        .collect(Collectors.toList());
            }
            List<BranchRecord> page = query.limit() == null || matching.size() <= query.limit()
                    ? matching : matching.subList(0, query.limit());
            boolean more = page.size() < matching.size();

            JsonObject body = new JsonObject();
            body.add("branches", JsonViews.array(page.stream().map(b -> branchJson(b, now)).collect(Collectors.toList())));
            JsonObject annotations = new JsonObject();
            page.stream().filter(b -> !b.annotation.isEmpty()).forEach(b -> annotations.add(b.id, JsonViews.annotation(b)));
            body.add("annotations", annotations);
            JsonObject pagination = new JsonObject();
            if (more) {
                BranchRecord last = page.get(page.size() - 1);
                pagination.addProperty("next", new BranchCursor(sortBy, sortOrder, sortKey(last, sortBy, now), last.sequence).encode());
            }
            pagination.addProperty("sort_by", sortBy);
            pagination.addProperty("sort_order", sortOrder);
            body.add("pagination", pagination);
            return body;
        }
    }

    /** GET /projects/{p}/branches/{b}. */
    public JsonObject getBranch(String branchId) {
        synchronized (lock) {
            BranchRecord branch = liveBranch(branchId, "branch");
            JsonObject body = new JsonObject();
            body.add("branch", branchJson(branch, clock.instant()));
            body.add("annotation", JsonViews.annotation(branch));
            return body;
        }
    }

    /** GET /projects/{p}/branches/count: live branches whose name or id contains {@code search}. */
    public JsonObject countBranches(String search) {
        synchronized (lock) {
            String needle = search == null ? "" : search;
            JsonObject body = new JsonObject();
            body.addProperty("count", branches.values().stream()
                    .filter(b -> !b.deleted() && (b.name.contains(needle) || b.id.contains(needle))).count());
            return body;
        }
    }

    /**
     * PATCH /projects/{p}/branches/{b}: rename, (un)protect, set or remove expires_at. These are
     * metadata changes: no operation is started (operations is empty) and the project lock does not apply.
     */
    public JsonObject updateBranch(String branchId, BranchPatch patch) {
        synchronized (lock) {
            Instant now = clock.instant();
            BranchRecord branch = liveBranch(branchId, "branch");
            String name = patch.name();
            if (name != null) {
                if (name.isEmpty() || name.length() > MAX_BRANCH_NAME) {
                    throw ApiError.badRequest("branch name must be 1 to " + MAX_BRANCH_NAME + " characters");
                }
                Optional<BranchRecord> holder = liveBranchNamed(name);
                if (holder.isPresent() && holder.get() != branch) {
                    throw new ApiError(409, "BRANCH_ALREADY_EXISTS", "branch with the provided name \"" + name + "\" already exists");
                }
            }
            boolean isProtected = patch.isProtected() == null ? branch.isProtected : patch.isProtected();
            Instant expiresAt = patch.expiresAtGiven() ? patch.expiresAt() : branch.expiresAt;
            if (expiresAt != null && (patch.expiresAtGiven() || patch.isProtected() != null)) {
                if (branch.isDefault) {
                    throw ApiError.badRequest("expires_at cannot be set on the default branch");
                }
                validateExpiry(expiresAt, isProtected, now);
            }
            if (name != null) {
                branch.name = name;
            }
            branch.isProtected = isProtected;
            branch.expiresAt = expiresAt;
            branch.updatedAt = now;
            JsonObject body = new JsonObject();
            body.add("branch", branchJson(branch, now));
            body.add("operations", new JsonArray());
            return body;
        }
    }

    /** DELETE /projects/{p}/branches/{b}: the 200 body, or empty for Neon's 204 (unknown or already deleted). */
    public Optional<JsonObject> deleteBranch(String branchId) {
        synchronized (lock) {
            Instant now = clock.instant();
            BranchRecord branch = branches.get(branchId);
            if (branch == null || branch.deleted()) {
                return Optional.empty();
            }
            if (branch.isDefault) {
                throw ApiError.badRequest("cannot delete the project's default branch");
            }
            if (branch.isProtected) {
                throw ApiError.badRequest("cannot delete a protected branch");
            }
            if (branches.values().stream().anyMatch(b -> !b.deleted() && branchId.equals(b.parentId))) {
                throw ApiError.badRequest("cannot delete a branch that has child branches");
            }
            ensureUnlocked(now);
            List<OperationRecord> batch = new ArrayList<>();
            for (EndpointRecord endpoint : liveEndpointsOf(branchId)) {
                batch.add(newOperation(now, batch.size(), branchId, endpoint.id, "suspend_compute"));
                endpoint.suspended = true;
                endpoint.deleted = true;
                endpoint.updatedAt = now;
            }
            batch.add(newOperation(now, batch.size(), branchId, null, "delete_timeline"));
            JsonObject branchJson = branchJson(branch, now);
            branch.deletedAt = now;
            branch.updatedAt = now;
            JsonObject body = new JsonObject();
            body.add("branch", branchJson);
            body.add("operations", operationsJson(batch, now));
            return Optional.of(body);
        }
    }

    /** POST /projects/{p}/branches/{b}/restore. */
    public JsonObject restoreBranch(String branchId, String sourceBranchId, String preserveUnderName) {
        synchronized (lock) {
            Instant now = clock.instant();
            BranchRecord branch = liveBranch(branchId, "branch");
            liveBranch(sourceBranchId, "source branch");
            if (sourceBranchId.equals(branchId) && preserveUnderName == null) {
                throw ApiError.badRequest("restoring a branch to its own history requires preserve_under_name");
            }
            if (preserveUnderName != null) {
                throw ApiError.badRequest("preserve_under_name is not supported by the emulator");
            }
            if (branch.parentId == null) {
                throw ApiError.badRequest("the root branch cannot be restored from another branch");
            }
            if (branches.values().stream().anyMatch(b -> !b.deleted() && branchId.equals(b.parentId))) {
                throw ApiError.badRequest("branch has children; preserve_under_name is required");
            }
            ensureUnlocked(now);
            List<OperationRecord> batch = new ArrayList<>();
            OperationRecord timelineOp = newOperation(now, batch.size(), branchId, null, "create_timeline");
            batch.add(timelineOp);
            branch.stateOperationId = timelineOp.id();
            branch.transitionalState = "resetting";
            for (EndpointRecord endpoint : liveEndpointsOf(branchId)) {
                OperationRecord startOp = newOperation(now, batch.size(), branchId, endpoint.id, "start_compute");
                batch.add(startOp);
                endpoint.startOperationId = startOp.id();
                endpoint.suspended = false;
                endpoint.updatedAt = now;
            }
            if (branch.expiresAt != null) {
                // Neon restarts the TTL on reset, keeping the same interval.
                Instant ttlStart = branch.lastResetAt != null ? branch.lastResetAt : branch.createdAt;
                branch.expiresAt = now.plus(Duration.between(ttlStart, branch.expiresAt));
            }
            branch.lastResetAt = now;
            branch.updatedAt = now;
            JsonObject body = new JsonObject();
            body.add("branch", branchJson(branch, now));
            body.add("operations", operationsJson(batch, now));
            return body;
        }
    }

    // ---- endpoints ------------------------------------------------------------------------------

    /** GET /projects/{p}/branches/{b}/endpoints. */
    public JsonObject listBranchEndpoints(String branchId) {
        synchronized (lock) {
            Instant now = clock.instant();
            liveBranch(branchId, "branch");
            JsonObject body = new JsonObject();
            body.add("endpoints", JsonViews.array(liveEndpointsOf(branchId).stream()
                    .map(e -> endpointJson(e, now)).collect(Collectors.toList())));
            return body;
        }
    }

    /** GET /projects/{p}/endpoints. */
    public JsonObject listEndpoints() {
        synchronized (lock) {
            Instant now = clock.instant();
            JsonObject body = new JsonObject();
            body.add("endpoints", JsonViews.array(endpoints.values().stream().filter(e -> !e.deleted)
                    .map(e -> endpointJson(e, now)).collect(Collectors.toList())));
            return body;
        }
    }

    /** GET /projects/{p}/endpoints/{e}. */
    public JsonObject getEndpoint(String endpointId) {
        synchronized (lock) {
            JsonObject body = new JsonObject();
            body.add("endpoint", endpointJson(liveEndpoint(endpointId), clock.instant()));
            return body;
        }
    }

    /** POST /projects/{p}/endpoints: the 201 body (endpoint, operations). */
    public JsonObject createEndpoint(String branchId, EndpointSpec spec) {
        synchronized (lock) {
            Instant now = clock.instant();
            liveBranch(branchId, "branch");
            validateEndpointSpec(spec);
            if ("read_write".equals(spec.type())
                    && liveEndpointsOf(branchId).stream().anyMatch(e -> "read_write".equals(e.type))) {
                throw new ApiError(409, "ENDPOINT_ALREADY_EXISTS", "read_write endpoint already exists on branch " + branchId);
            }
            ensureUnlocked(now);
            EndpointRecord endpoint = newEndpoint(branchId, spec, now);
            OperationRecord startOp = newOperation(now, 0, branchId, endpoint.id, "start_compute");
            endpoint.startOperationId = startOp.id();
            JsonObject body = new JsonObject();
            body.add("endpoint", endpointJson(endpoint, now));
            body.add("operations", operationsJson(List.of(startOp), now));
            return body;
        }
    }

    // ---- roles, databases, connection URIs ---------------------------------------------------------

    public JsonObject listRoles(String branchId) {
        synchronized (lock) {
            liveBranch(branchId, "branch");
            JsonObject body = new JsonObject();
            body.add("roles", JsonViews.array(rolesByBranch.get(branchId).stream().map(JsonViews::role).collect(Collectors.toList())));
            return body;
        }
    }

    public JsonObject getRole(String branchId, String roleName) {
        synchronized (lock) {
            JsonObject body = new JsonObject();
            body.add("role", JsonViews.role(role(branchId, roleName)));
            return body;
        }
    }

    public JsonObject revealPassword(String branchId, String roleName) {
        synchronized (lock) {
            JsonObject body = new JsonObject();
            body.addProperty("password", role(branchId, roleName).password());
            return body;
        }
    }

    public JsonObject listDatabases(String branchId) {
        synchronized (lock) {
            liveBranch(branchId, "branch");
            JsonObject body = new JsonObject();
            body.add("databases", JsonViews.array(databasesByBranch.get(branchId).stream()
                    .map(JsonViews::database).collect(Collectors.toList())));
            return body;
        }
    }

    public JsonObject getDatabase(String branchId, String databaseName) {
        synchronized (lock) {
            JsonObject body = new JsonObject();
            body.add("database", JsonViews.database(database(branchId, databaseName)));
            return body;
        }
    }

    /** GET /projects/{p}/connection_uri; branch and endpoint default like Neon's (default branch, its read_write endpoint). */
    public JsonObject connectionUri(String branchId, String endpointId, String databaseName, String roleName, boolean pooled) {
        synchronized (lock) {
            String effectiveBranchId = branchId == null ? defaultBranchId : branchId;
            liveBranch(effectiveBranchId, "branch");
            EndpointRecord endpoint;
            if (endpointId == null) {
                endpoint = liveEndpointsOf(effectiveBranchId).stream().filter(e -> "read_write".equals(e.type)).findFirst()
                        .orElseThrow(() -> ApiError.notFound("read_write endpoint for branch " + effectiveBranchId));
            } else {
                endpoint = liveEndpoint(endpointId);
                if (!endpoint.branchId.equals(effectiveBranchId)) {
                    throw ApiError.badRequest("endpoint " + endpointId + " does not belong to branch " + effectiveBranchId);
                }
            }
            RoleRecord role = role(effectiveBranchId, roleName);
            DatabaseRecord database = database(effectiveBranchId, databaseName);
            JsonObject body = new JsonObject();
            body.addProperty("uri", ConnectionUris.uri(role.name(), role.password(), endpoint.host, database.name(), pooled));
            return body;
        }
    }

    // ---- operations -----------------------------------------------------------------------------

    public JsonObject getOperation(String operationId) {
        synchronized (lock) {
            OperationRecord operation = operations.get(operationId);
            if (operation == null) {
                throw ApiError.notFound("operation");
            }
            JsonObject body = new JsonObject();
            body.add("operation", JsonViews.operation(operation, clock.instant()));
            return body;
        }
    }

    /** GET /projects/{p}/operations, newest first; {@code pagination.cursor} is present while more remain. */
    public JsonObject listOperations(String cursor, Integer limit) {
        synchronized (lock) {
            Instant now = clock.instant();
            List<OperationRecord> newestFirst = operations.values().stream()
                    .sorted(Comparator.comparingLong(OperationRecord::sequence).reversed())
                    .collect(Collectors.toList());
            if (cursor != null) {
                long after = decodeOperationCursor(cursor);
                newestFirst = newestFirst.stream().filter(o -> o.sequence() < after).collect(Collectors.toList());
            }
            List<OperationRecord> page = limit == null || newestFirst.size() <= limit ? newestFirst : newestFirst.subList(0, limit);
            JsonObject body = new JsonObject();
            body.add("operations", operationsJson(page, now));
            if (page.size() < newestFirst.size()) {
                JsonObject pagination = new JsonObject();
                pagination.addProperty("cursor", encode("op:" + page.get(page.size() - 1).sequence()));
                body.add("pagination", pagination);
            }
            return body;
        }
    }

    /** When the operation finished, or null if it has not (yet) finished successfully or is unknown. */
    public Instant operationFinishedAt(String operationId) {
        synchronized (lock) {
            OperationRecord operation = operations.get(operationId);
            return operation != null && operation.finishedAt(clock.instant()) ? operation.endsAt() : null;
        }
    }

    /** Arms a directive consumed by the next operation created with a matching action. */
    public void addDirective(OperationDirective directive) {
        synchronized (lock) {
            directives.add(directive);
        }
    }

    /** Starts a synthetic operation (apply_config on the default branch) that keeps the project locked for {@code duration}. */
    public String lockFor(Duration duration) {
        synchronized (lock) {
            Instant now = clock.instant();
            OperationRecord operation = new OperationRecord(UUID.randomUUID().toString(), projectId, defaultBranchId, null,
                    "apply_config", now, now, now.plus(duration), null, ++sequence);
            operations.put(operation.id(), operation);
            return operation.id();
        }
    }

    /** True while any operation of the project is scheduling or running (Neon then answers 423 to changes). */
    public boolean locked() {
        synchronized (lock) {
            Instant now = clock.instant();
            return operations.values().stream().anyMatch(o -> o.inProgressAt(now));
        }
    }

    /** Every branch, deleted ones included, oldest first. */
    public List<EmulatedBranch> branchSnapshots() {
        synchronized (lock) {
            Instant now = clock.instant();
            return branches.values().stream()
                    .map(b -> new EmulatedBranch(b.id, b.name, b.parentId, currentState(b, now), b.createdAt, b.isDefault, b.deleted()))
                    .collect(Collectors.toUnmodifiableList());
        }
    }

    // ---- internals (all called under the lock) ------------------------------------------------------

    private String createDefaultBranch(Instant now) {
        String branchId = names.branchId();
        BranchRecord main = new BranchRecord(branchId, projectId, "main", null, null, null, null, true, false, null,
                now, ++sequence);
        branches.put(branchId, main);
        String password = names.password();
        rolesByBranch.put(branchId, new ArrayList<>(List.of(new RoleRecord(branchId, DEFAULT_ROLE, password, false, now))));
        databasesByBranch.put(branchId, new ArrayList<>(List.of(
                new DatabaseRecord(nextDatabaseId++, branchId, DEFAULT_DATABASE, DEFAULT_ROLE, now))));
        // The project's creation operations happened "before" the emulator started: already finished.
        OperationRecord timeline = new OperationRecord(UUID.randomUUID().toString(), projectId, branchId, null,
                "create_timeline", now, now, now, null, ++sequence);
        operations.put(timeline.id(), timeline);
        main.stateOperationId = timeline.id();
        EndpointRecord endpoint = newEndpoint(branchId, new EndpointSpec("read_write", null, null, null), now);
        OperationRecord start = new OperationRecord(UUID.randomUUID().toString(), projectId, branchId, endpoint.id,
                "start_compute", now, now, now, null, ++sequence);
        operations.put(start.id(), start);
        endpoint.startOperationId = start.id();
        return branchId;
    }

    private void copyRolesAndDatabases(String parentId, String branchId, Instant now) {
        // A child branch inherits its parent's roles (same passwords) and databases.
        rolesByBranch.put(branchId, rolesByBranch.get(parentId).stream()
                .map(r -> new RoleRecord(branchId, r.name(), r.password(), r.isProtected(), now))
                .collect(Collectors.toCollection(ArrayList::new)));
        databasesByBranch.put(branchId, databasesByBranch.get(parentId).stream()
                .map(d -> new DatabaseRecord(nextDatabaseId++, branchId, d.name(), d.ownerName(), now))
                .collect(Collectors.toCollection(ArrayList::new)));
    }

    private EndpointRecord newEndpoint(String branchId, EndpointSpec spec, Instant now) {
        String id = names.endpointId();
        double minCu = spec.minCu() == null ? 0.25 : spec.minCu();
        double maxCu = spec.maxCu() == null ? Math.max(minCu, 2.0) : spec.maxCu();
        long suspend = spec.suspendTimeoutSeconds() == null ? 0 : spec.suspendTimeoutSeconds();
        EndpointRecord endpoint = new EndpointRecord(id, projectId, branchId, spec.type(), id + JsonViews.REGION_HOST_SUFFIX,
                minCu, maxCu, suspend, now, ++sequence);
        endpoints.put(id, endpoint);
        return endpoint;
    }

    /**
     * Schedules the {@code index}-th operation of a batch: operations of one request run one after
     * another, each scheduling for a quarter of the configured duration, then running for the rest.
     */
    private OperationRecord newOperation(Instant now, int index, String branchId, String endpointId, String action) {
        Instant begins = now.plus(operationDuration.multipliedBy(index));
        Instant runningAt = begins.plus(operationDuration.dividedBy(4));
        Instant endsAt = begins.plus(operationDuration);
        String failure = null;
        for (int i = 0; i < directives.size(); i++) {
            OperationDirective directive = directives.get(i);
            if (directive.appliesTo(action)) {
                directives.remove(i);
                if (directive.stuck()) {
                    endsAt = null;
                } else {
                    failure = directive.error();
                }
                break;
            }
        }
        OperationRecord operation = new OperationRecord(UUID.randomUUID().toString(), projectId, branchId, endpointId,
                action, now, runningAt, endsAt, failure, ++sequence);
        operations.put(operation.id(), operation);
        return operation;
    }

    private void ensureUnlocked(Instant now) {
        if (operations.values().stream().anyMatch(o -> o.inProgressAt(now))) {
            throw ApiError.locked();
        }
    }

    private BranchRecord liveBranch(String branchId, String what) {
        BranchRecord branch = branches.get(branchId);
        if (branch == null || branch.deleted()) {
            throw ApiError.notFound(what);
        }
        return branch;
    }

    private Optional<BranchRecord> liveBranchNamed(String name) {
        return branches.values().stream().filter(b -> !b.deleted() && b.name.equals(name)).findFirst();
    }

    private EndpointRecord liveEndpoint(String endpointId) {
        EndpointRecord endpoint = endpoints.get(endpointId);
        if (endpoint == null || endpoint.deleted) {
            throw ApiError.notFound("endpoint");
        }
        return endpoint;
    }

    private List<EndpointRecord> liveEndpointsOf(String branchId) {
        return endpoints.values().stream().filter(e -> !e.deleted && e.branchId.equals(branchId)).collect(Collectors.toList());
    }

    private RoleRecord role(String branchId, String roleName) {
        liveBranch(branchId, "branch");
        return rolesByBranch.get(branchId).stream().filter(r -> r.name().equals(roleName)).findFirst()
                .orElseThrow(() -> ApiError.notFound("role"));
    }

    private DatabaseRecord database(String branchId, String databaseName) {
        liveBranch(branchId, "branch");
        return databasesByBranch.get(branchId).stream().filter(d -> d.name().equals(databaseName)).findFirst()
                .orElseThrow(() -> ApiError.notFound("database"));
    }

    private String currentState(BranchRecord branch, Instant now) {
        OperationRecord op = operations.get(branch.stateOperationId);
        return op == null || op.finishedAt(now) ? "ready" : branch.transitionalState;
    }

    private JsonObject branchJson(BranchRecord branch, Instant now) {
        JsonObject json = JsonViews.branch(branch, currentState(branch, now), stateChangedAt(branch, now));
        json.addProperty("updated_at", Timestamps.format(updatedAt(branch, now)));
        return json;
    }

    private Instant stateChangedAt(BranchRecord branch, Instant now) {
        OperationRecord op = operations.get(branch.stateOperationId);
        if (op == null) {
            return branch.createdAt;
        }
        return op.finishedAt(now) ? op.endsAt() : op.createdAt();
    }

    /** A branch counts as updated when it changed, and when its state changed (e.g. became ready). */
    private Instant updatedAt(BranchRecord branch, Instant now) {
        Instant changed = stateChangedAt(branch, now);
        return changed.isAfter(branch.updatedAt) ? changed : branch.updatedAt;
    }

    private JsonObject endpointJson(EndpointRecord endpoint, Instant now) {
        OperationRecord op = operations.get(endpoint.startOperationId);
        String state;
        Instant startedAt = null;
        if (endpoint.suspended || op == null || op.failedAt(now)) {
            state = "idle";
        } else if (op.finishedAt(now)) {
            state = "active";
            startedAt = op.endsAt();
        } else {
            state = "init";
        }
        return JsonViews.endpoint(endpoint, state, startedAt);
    }

    private JsonArray operationsJson(List<OperationRecord> batch, Instant now) {
        return JsonViews.array(batch.stream().map(o -> JsonViews.operation(o, now)).collect(Collectors.toList()));
    }

    private static void validateExpiry(Instant expiresAt, boolean isProtected, Instant now) {
        if (!expiresAt.isAfter(now)) {
            throw ApiError.badRequest("expires_at must be in the future");
        }
        if (expiresAt.isAfter(now.plus(MAX_EXPIRY))) {
            throw ApiError.badRequest("expires_at must be at most 30 days in the future");
        }
        if (isProtected) {
            throw ApiError.badRequest("expires_at cannot be set on a protected branch");
        }
    }

    private static void validateEndpointSpec(EndpointSpec spec) {
        if (!"read_write".equals(spec.type()) && !"read_only".equals(spec.type())) {
            throw ApiError.badRequest("endpoint type must be read_write or read_only");
        }
        if (spec.minCu() != null && spec.minCu() < 0.25 || spec.maxCu() != null && spec.maxCu() < 0.25) {
            throw ApiError.badRequest("autoscaling limits must be at least 0.25 CU");
        }
        if (spec.minCu() != null && spec.maxCu() != null && spec.maxCu() < spec.minCu()) {
            throw ApiError.badRequest("autoscaling_limit_max_cu must not be below autoscaling_limit_min_cu");
        }
        Long suspend = spec.suspendTimeoutSeconds();
        if (suspend != null && (suspend < -1 || suspend > 604_800 || (suspend > 0 && suspend < 60))) {
            throw ApiError.badRequest("suspend_timeout_seconds must be -1, 0, or between 60 and 604800");
        }
    }

    private String sortKey(BranchRecord branch, String sortBy, Instant now) {
        switch (sortBy) {
            case "name":
                return branch.name;
            case "created_at":
                return micros(branch.createdAt);
            default:
                return micros(updatedAt(branch, now));
        }
    }

    private static String micros(Instant instant) {
        return String.format(Locale.ROOT, "%020d", instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static long decodeOperationCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("op:")) {
                throw new IllegalArgumentException(raw);
            }
            return Long.parseLong(raw.substring(3));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid cursor");
        }
    }
}
