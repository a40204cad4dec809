package dev.neonci.emulator;

import com.sun.net.httpserver.HttpServer;
import dev.neonci.emulator.internal.ApiRoutes;
import dev.neonci.emulator.internal.ProjectStore;
import dev.neonci.emulator.internal.RateLimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An in-memory Neon API v2 server on 127.0.0.1 with one project, for tests and local demos.
 *
 * <pre>{@code
 * try (NeonEmulator emu = NeonEmulator.builder().apiKey("test-key").operationDuration(Duration.ofMillis(100)).start()) {
 *     client.baseUrl(emu.baseUrl()) ...
 *     emu.faults().next("POST", "/branches$", 1, Fault.resetAfterHandling());
 * }
 * }</pre>
 *
 * <p>The project starts with a default branch {@code main} ({@code default: true}), role
 * {@code neondb_owner}, database {@code neondb} and a read_write endpoint. Thread-safe.
 */
public final class NeonEmulator implements AutoCloseable {

    /** The bearer key accepted when the builder names none. */
    public static final String DEFAULT_API_KEY = "neon-emulator-key";
    public static final String DEFAULT_PROJECT_ID = "emulated-project-1";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ProjectStore store;
    private final Faults faults;
    private final OperationControl operations;
    private final RequestLog requestLog;

    private NeonEmulator(HttpServer server, ExecutorService executor, ProjectStore store, Faults faults,
                         RequestLog requestLog) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.faults = faults;
        this.operations = new OperationControl(store);
        this.requestLog = requestLog;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** E.g. {@code http://127.0.0.1:41234/api/v2} (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + ApiRoutes.BASE_PATH;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The id of the one emulated project. */
    public String projectId() {
        return store.projectId();
    }

    /** The id of the project's default branch ("main"). */
    public String defaultBranchId() {
        return store.defaultBranchId();
    }

    /** Arms faults for upcoming requests. */
    public Faults faults() {
        return faults;
    }

    /** Controls how upcoming operations end, and project locks. */
    public OperationControl operations() {
        return operations;
    }

    /** Every request received so far, with what was answered. */
    public RequestLog requestLog() {
        return requestLog;
    }

    /** A snapshot of the project's branches, deleted ones included (flagged), oldest first. */
    public List<EmulatedBranch> branches(String projectId) {
        return projectId().equals(projectId) ? store.branchSnapshots() : List.of();
    }

    /** When the operation finished successfully, or null if it has not (yet) or is unknown. */
    public Instant operationFinishedAt(String operationId) {
        return store.operationFinishedAt(operationId);
    }

    /** Stops the server immediately; in-flight requests are cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Configures and starts an emulator. */
    public static final class Builder {
        private static final Pattern PROJECT_ID = Pattern.compile("^[a-z0-9-]{1,60}$");

        private final Set<String> apiKeys = new LinkedHashSet<>();
        private Duration operationDuration = Duration.ofSeconds(1);
        private int rateLimitPerMinute;
        private int port;
        private String projectId = DEFAULT_PROJECT_ID;
        private Clock clock = Clock.systemUTC();
        private Long seed;

        private Builder() {
        }

        /** Adds a valid bearer key (repeatable). Without any, {@link #DEFAULT_API_KEY} is accepted. */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            if (apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            apiKeys.add(apiKey);
            return this;
        }

        /** How long each operation takes (a quarter scheduling, the rest running); zero finishes at once. Default 1 s. */
        public Builder operationDuration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("operation duration must not be negative: " + duration);
            }
            this.operationDuration = duration;
            return this;
        }

        /** Requests admitted per sliding minute before 429 + Retry-After; 0 (default) = unlimited. */
        public Builder rateLimitPerMinute(int requests) {
            if (requests < 0) {
                throw new IllegalArgumentException("rate limit must be >= 0: " + requests);
            }
            this.rateLimitPerMinute = requests;
            return this;
        }

        /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Id of the emulated project (default {@link #DEFAULT_PROJECT_ID}). */
        public Builder projectId(String projectId) {
            if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
                throw new IllegalArgumentException("project id must match ^[a-z0-9-]{1,60}$");
            }
            this.projectId = projectId;
            return this;
        }

        /** Clock for timestamps, operation progress and the rate limit (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Seed for generated ids and passwords, for reproducible runs (default random). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The JDK server writes response headers and body as separate TCP segments; with Nagle's
         * algorithm and the client's delayed ACK every response then waits about 40 ms. The server only
         * offers TCP_NODELAY through this system property, read once when the first HttpServer of the
         * JVM is created; an explicit setting by the user is kept.
         */
        private static void disableNagleForJdkHttpServer() {
            if (System.getProperty("sun.net.httpserver.nodelay") == null) {
                System.setProperty("sun.net.httpserver.nodelay", "true");
            }
        }

        /** Binds 127.0.0.1 and starts serving. */
        public NeonEmulator start() {
            Set<String> keys = apiKeys.isEmpty() ? Set.of(DEFAULT_API_KEY) : apiKeys;
            Random random = seed == null ? new Random() : new Random(seed);
            ProjectStore store = new ProjectStore(projectId, operationDuration, clock, random);
            Faults faults = new Faults();
            RequestLog requestLog = new RequestLog();
            disableNagleForJdkHttpServer();
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
            }
            AtomicInteger threads = new AtomicInteger();
            // A thread per request, so an injected delay never holds up other requests.
            ExecutorService executor = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "neon-emulator-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/", new ApiHttpHandler(new ApiRoutes(store), keys,
                    new RateLimiter(rateLimitPerMinute, clock), faults, requestLog, clock));
            server.start();
            return new NeonEmulator(server, executor, store, faults, requestLog);
        }
    }
}
