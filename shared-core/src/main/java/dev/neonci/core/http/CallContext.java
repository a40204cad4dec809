package dev.neonci.core.http;

import dev.neonci.core.wait.Deadline;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-call state that interceptors need but HTTP does not carry: the caller's deadline, where to report
 * retries, and what happened on the wire. Travels as the request's tag
 * ({@code request.tag(CallContext.class)}), OkHttp's way to hand data to interceptors and event listeners.
 *
 * <p>One instance per logical call (all its attempts); not shared between calls.
 */
public final class CallContext {

    private final Deadline deadline;
    private final RetryListener retryListener;
    private final AtomicBoolean requestSent = new AtomicBoolean();
    private final AtomicBoolean anyRequestSent = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile String lastRequestId;

    public CallContext(Deadline deadline, RetryListener retryListener) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.retryListener = retryListener == null ? RetryListener.NONE : retryListener;
    }

    public Deadline deadline() {
        return deadline;
    }

    public RetryListener retryListener() {
        return retryListener;
    }

    /** Called at the start of each attempt. */
    void startAttempt() {
        attempts.incrementAndGet();
        requestSent.set(false);
    }

    /** Called by {@link SendTracker} when request bytes start going out. */
    void markSent() {
        requestSent.set(true);
        anyRequestSent.set(true);
    }

    /** Whether the current attempt started writing its request (so the server may have acted on it). */
    public boolean currentAttemptSent() {
        return requestSent.get();
    }

    /** Whether any attempt of this call started writing its request. */
    public boolean anyAttemptSent() {
        return anyRequestSent.get();
    }

    /** Number of attempts made so far (1 = no retry). */
    public int attempts() {
        return attempts.get();
    }

    void lastRequestId(String id) {
        this.lastRequestId = id;
    }

    /** The X-Request-ID of the latest attempt, for error messages. */
    public String lastRequestId() {
        return lastRequestId;
    }
}
