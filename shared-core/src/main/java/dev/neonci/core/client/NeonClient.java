package dev.neonci.core.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import dev.neonci.core.http.AuthInterceptor;
import dev.neonci.core.http.Backoff;
import dev.neonci.core.http.CallContext;
import dev.neonci.core.http.IoFailures;
import dev.neonci.core.http.RedirectGuardInterceptor;
import dev.neonci.core.http.RedirectRefusedException;
import dev.neonci.core.http.RequestIdInterceptor;
import dev.neonci.core.http.RetryInterceptor;
import dev.neonci.core.http.RetryListener;
import dev.neonci.core.http.SendTracker;
import dev.neonci.core.http.TransportSafety;
import dev.neonci.core.http.UserAgentInterceptor;
import dev.neonci.core.wait.Deadline;
import dev.neonci.core.wait.Sleeper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.reflect.Type;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A client for the subset of Neon's API v2 that CI branches need.
 *
 * <p>Immutable and thread-safe: build one and share it. Every call is synchronous and bounded by a
 * {@link Deadline}: the one given to {@link #withDeadline(Deadline, RetryListener)} (which returns a
 * view sharing this client's connections), or, for a client without one, a fresh
 * {@linkplain Builder#defaultTimeout(Duration) default budget} per call (2 minutes unless set).
 *
 * <p>Cross-cutting behaviour lives in OkHttp interceptors, outermost first: redirect guard, retry (423,
 * 429, 503 and — for idempotent requests — other 5xx and I/O failures, with backoff inside the deadline),
 * user agent + accept, request id, authorization. Redirects are never followed.
 *
 * <p>Errors are {@link NeonException}s; see {@link NeonApiException} and its subclasses. No message and
 * no {@link #toString()} contains the API key.
 */
public final class NeonClient implements Closeable {

    public static final String DEFAULT_BASE_URL = "https://console.neon.tech/api/v2";
    /** This library's version, from the build (used in the User-Agent). */
    public static final String VERSION = loadVersion();

    /** Branch list page size: Neon caps pages at 100 anyway (neon CLI source), so ask for exactly that. */
    static final int PAGE_SIZE = 100;
    /** Safety net against a server that never stops paging (with fresh cursors each time). */
    static final int MAX_PAGES = 1000;

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** How often an unreadable answer to an idempotent request is asked again, and the first pause. */
    private static final int UNREADABLE_ANSWER_RETRIES = 2;
    private static final Duration UNREADABLE_ANSWER_PAUSE = Duration.ofMillis(250);
    private static final Type ENDPOINTS = TypeToken.getParameterized(List.class, Endpoint.class).getType();
    private static final Type ROLES = TypeToken.getParameterized(List.class, Role.class).getType();
    private static final Type DATABASES = TypeToken.getParameterized(List.class, Database.class).getType();
    private static final Type OPERATIONS = TypeToken.getParameterized(List.class, Operation.class).getType();
    private static final Type BRANCHES = TypeToken.getParameterized(List.class, Branch.class).getType();

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String apiKey;
    private final String userAgent;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration defaultTimeout;
    private final Duration callTimeout;
    private final Deadline deadline;
    private final RetryListener retryListener;

    private NeonClient(Builder b, HttpUrl baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.userAgent = "neon-ci/" + VERSION + " (" + b.userAgentProduct + ")";
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.defaultTimeout = b.defaultTimeout;
        this.callTimeout = b.callTimeout;
        this.deadline = null;
        this.retryListener = RetryListener.NONE;
        OkHttpClient.Builder ok = new OkHttpClient.Builder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.readTimeout)
                .callTimeout(b.callTimeout)
                // A redirect would carry the bearer token elsewhere; never follow one (see RedirectGuardInterceptor).
                .followRedirects(false)
                .followSslRedirects(false)
                // OkHttp would silently re-send a request (even a POST) on some connection failures.
                // The retry interceptor decides instead, knowing whether the request left (SendTracker).
                .retryOnConnectionFailure(false)
                .eventListenerFactory(SendTracker.FACTORY)
                .addInterceptor(new RedirectGuardInterceptor())
                .addInterceptor(new RetryInterceptor(b.backoff, b.sleeper, b.clock))
                .addInterceptor(new UserAgentInterceptor(userAgent))
                .addInterceptor(new RequestIdInterceptor())
                .addInterceptor(new AuthInterceptor(apiKey));
        if (b.proxy != null) {
            ok.proxy(b.proxy);
        }
        this.http = ok.build();
    }

    private NeonClient(NeonClient base, Deadline deadline, RetryListener retryListener) {
        this.http = base.http;
        this.baseUrl = base.baseUrl;
        this.apiKey = base.apiKey;
        this.userAgent = base.userAgent;
        this.clock = base.clock;
        this.sleeper = base.sleeper;
        this.defaultTimeout = base.defaultTimeout;
        this.callTimeout = base.callTimeout;
        this.deadline = deadline;
        this.retryListener = retryListener == null ? RetryListener.NONE : retryListener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A view of this client whose calls (with all their retries) all end by {@code deadline}, reporting
     * retries to {@code listener}. Cheap: it shares the connection pool; closing either closes both.
     */
    public NeonClient withDeadline(Deadline deadline, RetryListener listener) {
        return new NeonClient(this, Objects.requireNonNull(deadline, "deadline"), listener);
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    public String userAgent() {
        return userAgent;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /** The deadline of this view, or empty for a client that uses a default budget per call. */
    public Optional<Deadline> deadline() {
        return Optional.ofNullable(deadline);
    }

    // ---------------------------------------------------------------- branches

    /** {@code POST /projects/{project_id}/branches}; 201 with the branch, endpoints and operations to wait for. */
    public CreateBranchResponse createBranch(String projectId, CreateBranchRequest request) {
        Objects.requireNonNull(request, "request");
        JsonObject branch = new JsonObject();
        branch.addProperty("name", request.name());
        if (request.parentId() != null) {
            branch.addProperty("parent_id", request.parentId());
        }
        if (request.parentLsn() != null) {
            branch.addProperty("parent_lsn", request.parentLsn());
        }
        if (request.parentTimestamp() != null) {
            branch.addProperty("parent_timestamp", rfc3339(request.parentTimestamp()));
        }
        if (request.schemaOnly()) {
            branch.addProperty("init_source", "schema-only");
        }
        if (request.expiresAt() != null) {
            branch.addProperty("expires_at", rfc3339(request.expiresAt()));
        }
        JsonObject body = new JsonObject();
        body.add("branch", branch);
        if (request.endpoint()) {
            JsonObject endpoint = new JsonObject();
            endpoint.addProperty("type", Endpoint.READ_WRITE);
            addLimits(endpoint, request.autoscalingLimitMinCu(), request.autoscalingLimitMaxCu(),
                    request.suspendTimeoutSeconds());
            JsonArray endpoints = new JsonArray();
            endpoints.add(endpoint);
            body.add("endpoints", endpoints);
        }
        return send("POST", url(projectId, "branches"), body, "project " + projectId, json -> new CreateBranchResponse(
                branch(json),
                list(json, "endpoints", ENDPOINTS),
                operations(json),
                list(json, "roles", ROLES),
                list(json, "databases", DATABASES)));
    }

    /** {@code GET /projects/{project_id}/branches/{branch_id}}. */
    public Branch getBranch(String projectId, String branchId) {
        return send("GET", url(projectId, "branches", branchId), null, branchSubject(projectId, branchId),
                NeonClient::branch);
    }

    /** One page of {@code GET /projects/{project_id}/branches}. */
    public BranchPage listBranches(String projectId, BranchListQuery query) {
        HttpUrl.Builder u = url(projectId, "branches").newBuilder();
        if (query.search() != null) {
            u.addQueryParameter("search", query.search());
        }
        if (query.cursor() != null) {
            u.addQueryParameter("cursor", query.cursor());
        }
        if (query.limit() != null) {
            u.addQueryParameter("limit", String.valueOf(query.limit()));
        }
        return send("GET", u.build(), null, "project " + projectId, json -> {
            String next = null;
            JsonElement pagination = json.get("pagination");
            if (pagination != null && pagination.isJsonObject()) {
                JsonElement n = pagination.getAsJsonObject().get("next");
                if (n != null && n.isJsonPrimitive()) {
                    next = n.getAsString();
                }
            }
            List<Branch> branches = list(json, "branches", BRANCHES);
            for (Branch b : branches) {
                requireId(b.id(), "branches[].id");
            }
            return new BranchPage(branches, next);
        });
    }

    /**
     * All branches matching Neon's {@code search} (a substring match on name or id; null = all),
     * following {@code pagination.next} to the end. Stops on an empty page, a missing or empty cursor,
     * or a cursor seen before, so a server that keeps answering with a cursor cannot loop us forever.
     */
    public List<Branch> listAllBranches(String projectId, String search) {
        List<Branch> all = new ArrayList<>();
        Set<String> seenCursors = new HashSet<>();
        BranchListQuery query = new BranchListQuery(search, null, PAGE_SIZE);
        for (int page = 0; page < MAX_PAGES; page++) {
            BranchPage p = listBranches(projectId, query);
            all.addAll(p.branches());
            if (p.branches().isEmpty() || p.next() == null || !seenCursors.add(p.next())) {
                break;
            }
            query = query.withCursor(p.next());
        }
        return all;
    }

    /**
     * The branch whose name is exactly {@code name}. Neon's {@code search} only narrows the listing (it is
     * a substring match, so "ci-1" also returns "ci-10"); the exact comparison happens here. Should Neon
     * ever hold two branches of that name, the oldest wins, so repeated lookups agree.
     */
    public Optional<Branch> findBranchByName(String projectId, String name) {
        Objects.requireNonNull(name, "name");
        return listAllBranches(projectId, name).stream()
                .filter(b -> name.equals(b.name()))
                .min(Comparator.comparing(Branch::createdAt, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    /**
     * {@code DELETE /projects/{project_id}/branches/{branch_id}}. 200 = deleted (wait for the operations);
     * 204 (Neon: "doesn't exist or has already been deleted") and 404 both mean nothing to delete.
     */
    public DeleteBranchResponse deleteBranch(String projectId, String branchId) {
        try {
            return send("DELETE", url(projectId, "branches", branchId), null, branchSubject(projectId, branchId),
                    json -> json == null ? new DeleteBranchResponse(false, null, List.of())
                            : new DeleteBranchResponse(true, optional(json, "branch", Branch.class),
                                    operations(json)));
        } catch (NeonNotFoundException gone) {
            return new DeleteBranchResponse(false, null, List.of());
        }
    }

    /**
     * {@code POST /projects/{project_id}/branches/{branch_id}/restore} with {@code source_branch_id}: restores
     * the branch to the head of the source. With the parent's id that is "reset to parent".
     */
    public BranchOperations restoreBranch(String projectId, String branchId, String sourceBranchId) {
        JsonObject body = new JsonObject();
        body.addProperty("source_branch_id", Objects.requireNonNull(sourceBranchId, "sourceBranchId"));
        return send("POST", url(projectId, "branches", branchId, "restore"), body,
                branchSubject(projectId, branchId),
                json -> new BranchOperations(optional(json, "branch", Branch.class), operations(json)));
    }

    // ---------------------------------------------------------------- operations

    /** {@code GET /projects/{project_id}/operations/{operation_id}}. */
    public Operation getOperation(String projectId, String operationId) {
        return send("GET", url(projectId, "operations", operationId), null,
                "operation " + operationId + " in project " + projectId, json -> {
                    Operation o = required(json, "operation", Operation.class);
                    requireId(o.id(), "operation.id");
                    return o;
                });
    }

    // ---------------------------------------------------------------- endpoints, roles, databases

    /** {@code GET /projects/{project_id}/branches/{branch_id}/endpoints}. */
    public List<Endpoint> listBranchEndpoints(String projectId, String branchId) {
        return send("GET", url(projectId, "branches", branchId, "endpoints"), null,
                branchSubject(projectId, branchId), json -> list(json, "endpoints", ENDPOINTS));
    }

    /** {@code POST /projects/{project_id}/endpoints}: a compute for a branch; wait for the operations. */
    public EndpointOperations createEndpoint(String projectId, CreateEndpointRequest request) {
        JsonObject endpoint = new JsonObject();
        endpoint.addProperty("branch_id", request.branchId());
        endpoint.addProperty("type", request.type());
        addLimits(endpoint, request.autoscalingLimitMinCu(), request.autoscalingLimitMaxCu(),
                request.suspendTimeoutSeconds());
        JsonObject body = new JsonObject();
        body.add("endpoint", endpoint);
        return send("POST", url(projectId, "endpoints"), body, branchSubject(projectId, request.branchId()),
                json -> new EndpointOperations(optional(json, "endpoint", Endpoint.class), operations(json)));
    }

    /** {@code GET /projects/{project_id}/branches/{branch_id}/roles} (no passwords). */
    public List<Role> listBranchRoles(String projectId, String branchId) {
        return send("GET", url(projectId, "branches", branchId, "roles"), null,
                branchSubject(projectId, branchId), json -> list(json, "roles", ROLES));
    }

    /** {@code GET /projects/{project_id}/branches/{branch_id}/databases}. */
    public List<Database> listBranchDatabases(String projectId, String branchId) {
        return send("GET", url(projectId, "branches", branchId, "databases"), null,
                branchSubject(projectId, branchId), json -> list(json, "databases", DATABASES));
    }

    /**
     * {@code GET …/roles/{role_name}/reveal_password}. The result is a secret: callers must mask it.
     * 412 means the project does not store passwords.
     */
    public String revealRolePassword(String projectId, String branchId, String roleName) {
        return send("GET", url(projectId, "branches", branchId, "roles", roleName, "reveal_password"), null,
                "role " + roleName + " on branch " + branchId + " in project " + projectId,
                json -> requiredString(json, "password"));
    }

    /**
     * {@code GET /projects/{project_id}/connection_uri}: Neon's own connection string (contains the password:
     * a secret). The lifecycle builds URIs itself instead (see {@code BranchConnection}); this is here for
     * callers who want Neon's exact format.
     *
     * @param endpointId null = the branch's read_write endpoint
     */
    public String connectionUri(String projectId, String branchId, String endpointId, String databaseName,
                                String roleName, boolean pooled) {
        HttpUrl.Builder u = url(projectId, "connection_uri").newBuilder()
                .addQueryParameter("branch_id", branchId)
                .addQueryParameter("database_name", databaseName)
                .addQueryParameter("role_name", roleName);
        if (endpointId != null) {
            u.addQueryParameter("endpoint_id", endpointId);
        }
        if (pooled) {
            u.addQueryParameter("pooled", "true");
        }
        return send("GET", u.build(), null, branchSubject(projectId, branchId), json -> requiredString(json, "uri"));
    }

    // ---------------------------------------------------------------- plumbing

    /** Releases connections and threads; shared with every {@link #withDeadline} view. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "NeonClient[baseUrl=" + baseUrl + ", apiKey=****, userAgent=" + userAgent + "]";
    }

    private HttpUrl url(String projectId, String... segments) {
        requirePathValue("project_id", projectId);
        HttpUrl.Builder b = baseUrl.newBuilder().addPathSegment("projects").addPathSegment(projectId);
        for (String s : segments) {
            requirePathValue("path", s);
            b.addPathSegment(s);
        }
        return b.build();
    }

    private static void requirePathValue(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(what, "is empty");
        }
    }

    private static String branchSubject(String projectId, String branchId) {
        return "branch " + branchId + " in project " + projectId;
    }

    private static void addLimits(JsonObject endpoint, Double minCu, Double maxCu, Integer suspendTimeoutSeconds) {
        if (minCu != null) {
            endpoint.addProperty("autoscaling_limit_min_cu", minCu);
        }
        if (maxCu != null) {
            endpoint.addProperty("autoscaling_limit_max_cu", maxCu);
        }
        if (suspendTimeoutSeconds != null) {
            endpoint.addProperty("suspend_timeout_seconds", suspendTimeoutSeconds);
        }
    }

    /** RFC 3339 with second precision, as Neon requires for {@code expires_at}. */
    static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A list field; absent or null = empty; null items are dropped. Malformed: {@link JsonParseException}. */
    private static <T> List<T> list(JsonObject json, String field, Type type) {
        JsonElement e = json.get(field);
        if (e == null || e.isJsonNull()) {
            return List.of();
        }
        List<T> items = Json.GSON.fromJson(e, type);
        if (items == null) {
            return List.of();
        }
        List<T> present = new ArrayList<>(items.size());
        for (T item : items) {
            if (item != null) {
                present.add(item);
            }
        }
        return present;
    }

    /** The operations to wait for; each must have an id (it is polled by id). */
    private static List<Operation> operations(JsonObject json) {
        List<Operation> ops = list(json, "operations", OPERATIONS);
        for (Operation o : ops) {
            requireId(o.id(), "operations[].id");
        }
        return ops;
    }

    /** The {@code branch} object every branch answer carries, with its id. */
    private static Branch branch(JsonObject json) {
        Branch b = required(json, "branch", Branch.class);
        requireId(b.id(), "branch.id");
        return b;
    }

    /** An object field the spec requires; missing or not an object: {@link JsonParseException}. */
    private static <T> T required(JsonObject json, String field, Class<T> type) {
        T value = optional(json, field, type);
        if (value == null) {
            throw new JsonParseException("no \"" + field + "\" object");
        }
        return value;
    }

    private static <T> T optional(JsonObject json, String field, Class<T> type) {
        JsonElement e = json.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonObject()) {
            throw new JsonParseException("\"" + field + "\" is not an object");
        }
        return Json.GSON.fromJson(e, type);
    }

    private static String requiredString(JsonObject json, String field) {
        JsonElement e = json == null ? null : json.get(field);
        if (e == null || !e.isJsonPrimitive() || e.getAsString().isEmpty()) {
            throw new JsonParseException("no \"" + field + "\"");
        }
        return e.getAsString();
    }

    private static void requireId(String id, String field) {
        if (id == null || id.isEmpty()) {
            throw new JsonParseException("no " + field);
        }
    }

    private Deadline callDeadline() {
        return deadline != null ? deadline : Deadline.after(defaultTimeout, clock);
    }

    /**
     * Sends one logical request (the interceptors may make several attempts) and returns the JSON object
     * it answered, or null for 204. Maps every failure to a {@link NeonException}.
     */
    JsonObject send(String method, HttpUrl url, JsonObject body, String subject) {
        return send(method, url, body, subject, json -> json);
    }

    /**
     * As {@link #send(String, HttpUrl, JsonObject, String)}, then turns the answer into {@code T} with
     * {@code decode} (given null for 204). An answer that does not have the documented shape (malformed
     * JSON, a missing required object, a field of the wrong type) is a {@link NeonTransportException}
     * naming the request and its id — never a Gson exception or a NullPointerException later, and never
     * with the body in the message (it may hold a password).
     */
    <T> T send(String method, HttpUrl url, JsonObject body, String subject, Function<JsonObject, T> decode) {
        Deadline callDeadline = callDeadline();
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, url, body, subject, decode, callDeadline);
            } catch (NeonUnexpectedAnswerException e) {
                // A garbled answer (say, a body cut short by a proxy) to a GET or DELETE is asked again, as an
                // I/O failure would be; a POST is not: it may have been applied, and the lifecycle re-checks.
                Duration pause = UNREADABLE_ANSWER_PAUSE.multipliedBy(attempt);
                if (!RetryInterceptor.isIdempotent(method) || attempt > UNREADABLE_ANSWER_RETRIES
                        || !callDeadline.allows(pause.plusMillis(50))) {
                    throw e;
                }
                retryListener.retrying("Neon's answer to " + method + " " + relativePath(url)
                        + " was not the documented JSON", pause);
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private <T> T sendOnce(String method, HttpUrl url, JsonObject body, String subject, Function<JsonObject, T> decode,
                           Deadline callDeadline) {
        CallContext ctx = new CallContext(callDeadline, retryListener);
        String what = method + " " + relativePath(url);
        if (ctx.deadline().isExpired()) {
            throw new NeonTimeoutException("Timed out after " + Durations.format(ctx.deadline().timeout())
                    + " before " + what + " could be sent", ctx.deadline().timeout());
        }
        RequestBody requestBody = body == null
                ? ("POST".equals(method) ? RequestBody.create(new byte[0], JSON) : null)
                : RequestBody.create(Json.GSON.toJson(body), JSON);
        Request request = new Request.Builder()
                .url(url)
                .method(method, requestBody)
                .tag(CallContext.class, ctx)
                .build();
        Call call = http.newCall(request);
        // Safety net for what per-attempt timeouts do not cover (e.g. DNS): the whole call, retries
        // included, ends shortly after the deadline.
        long capMillis = ctx.deadline().remaining().toMillis() + 2_000;
        if (!callTimeout.isZero()) {
            capMillis = Math.min(capMillis, callTimeout.toMillis());
        }
        call.timeout().timeout(capMillis, TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            ResponseBody rb = response.body();
            String text = rb == null ? "" : rb.string();
            int code = response.code();
            if (code >= 200 && code < 300) {
                try {
                    if (code == 204) {
                        return decode.apply(null);
                    }
                    JsonElement parsed = JsonParser.parseString(text);
                    if (!parsed.isJsonObject()) {
                        throw new JsonParseException("not a JSON object");
                    }
                    return decode.apply(parsed.getAsJsonObject());
                } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                         | ClassCastException | NumberFormatException | NullPointerException e) {
                    // Not e.getMessage(): Gson may quote the offending value, and the body may hold a password.
                    throw new NeonUnexpectedAnswerException("Neon answered " + what + " with HTTP " + code
                            + " but a body that is not the documented JSON" + requestIdSuffix(ctx.lastRequestId()),
                            !RetryInterceptor.isIdempotent(method), ctx.lastRequestId(), new JsonParseException(
                                    "unexpected answer (" + e.getClass().getSimpleName() + ")"));
                }
            }
            throw ErrorMapper.map(code, text, what, subject, ctx, apiKey);
        } catch (RedirectRefusedException e) {
            throw new NeonApiException("Neon API at " + baseUrl.host() + " answered " + what + " with " + e.getMessage()
                    + "; redirects are not followed because they would carry the API key elsewhere: check the API URL"
                    + requestIdSuffix(ctx.lastRequestId()), e.status(), "", "", ctx.lastRequestId());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new NeonException("Interrupted during " + what, e);
            }
            boolean mayHaveBeenApplied = !RetryInterceptor.isIdempotent(method) && ctx.anyAttemptSent();
            if (ctx.deadline().isExpired() || e instanceof InterruptedIOException && call.isCanceled()) {
                throw new NeonTimeoutException("Timed out after " + Durations.format(ctx.deadline().timeout())
                        + " waiting for Neon to answer " + what + " (" + ctx.attempts() + " attempt"
                        + (ctx.attempts() == 1 ? "" : "s") + ")" + requestIdSuffix(ctx.lastRequestId()),
                        ctx.deadline().timeout(), e);
            }
            String detail = NeonException.oneLine(IoFailures.describe(e));
            throw new NeonTransportException("Could not talk to Neon at " + baseUrl.host() + " for " + what + " ("
                    + ErrorMapper.scrub(detail, apiKey) + ")" + (ctx.attempts() > 1 ? " after " + ctx.attempts() + " attempts" : "")
                    + requestIdSuffix(ctx.lastRequestId()), mayHaveBeenApplied, ctx.lastRequestId(), e);
        }
    }

    private String relativePath(HttpUrl url) {
        String base = baseUrl.encodedPath();
        String path = url.encodedPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return path.startsWith(base) ? path.substring(base.length()) : path;
    }

    static String requestIdSuffix(String requestId) {
        return requestId == null ? "" : " (request id " + requestId + ")";
    }

    private static String loadVersion() {
        try (InputStream in = NeonClient.class.getResourceAsStream("/dev/neonci/core/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.trim();
                }
            }
        } catch (IOException ignored) {
            // fall through: an unknown version must not stop the client
        }
        return "unknown";
    }

    /** Builds a {@link NeonClient}. Not thread-safe; the client it builds is. */
    public static final class Builder {
        private String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private String userAgentProduct = "java";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ZERO;
        private Duration defaultTimeout = Duration.ofMinutes(2);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Backoff backoff = Backoff.defaults();
        private Proxy proxy;

        private Builder() {
        }

        /** Required. Sent as {@code Authorization: Bearer <key>}; never logged or shown. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Default {@value #DEFAULT_BASE_URL}. {@code http://} only for loopback hosts. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Names the front end in the User-Agent, e.g. {@code github-action} or {@code jenkins-plugin}. */
        public Builder userAgentProduct(String product) {
            this.userAgentProduct = Objects.requireNonNull(product, "product").replaceAll("[^A-Za-z0-9._+/-]", "-");
            return this;
        }

        /** Per attempt; default 10 s. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = nonNegative(d, "connectTimeout");
            return this;
        }

        /** Per attempt (also used for writes); default 30 s. */
        public Builder readTimeout(Duration d) {
            this.readTimeout = nonNegative(d, "readTimeout");
            return this;
        }

        /** Whole-call cap including retries (OkHttp's meaning); default 0 = bounded only by the deadline. */
        public Builder callTimeout(Duration d) {
            this.callTimeout = nonNegative(d, "callTimeout");
            return this;
        }

        /** Budget of each call made without {@link NeonClient#withDeadline}; default 2 minutes. */
        public Builder defaultTimeout(Duration d) {
            this.defaultTimeout = nonNegative(d, "defaultTimeout");
            return this;
        }

        /** Wall clock, used for {@code Retry-After} dates and default deadlines. Test seam. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How retries and polls pause. Test seam. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Retry backoff; default 0.5 s doubling to 8 s, with jitter. */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** An HTTP proxy (e.g. Jenkins' proxy configuration); default: the JVM's proxy selector. */
        public Builder proxy(Proxy proxy) {
            this.proxy = proxy;
            return this;
        }

        /**
         * @throws InvalidInputException {@code api_key} if the key is missing or blank; {@code api_host} if the
         *                               base URL is invalid, or plain http:// on a non-loopback host
         */
        public NeonClient build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw new InvalidInputException("api_key", "is empty (expected a Neon API key)");
            }
            String key = apiKey.trim();
            if (key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                // Never echo it: it is a secret, even when malformed.
                throw new InvalidInputException("api_key", "contains whitespace or non-ASCII characters (expected a Neon API key)");
            }
            HttpUrl url = TransportSafety.checkBaseUrl("api_host", baseUrl);
            return new NeonClient(this, url, key);
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + d);
            }
            return d;
        }
    }
}
