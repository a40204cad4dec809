package dev.neonci.emulator.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * One operation and its whole timeline, fixed at creation: scheduling until {@code runningAt},
 * running until {@code endsAt}, then finished (or failed, when {@code failureError} is set).
 * A null {@code endsAt} means it never finishes ("stuck"). Status is computed from the clock, so no
 * background thread is needed. Immutable.
 */
public record OperationRecord(String id, String projectId, String branchId, String endpointId, String action,
                              Instant createdAt, Instant runningAt, Instant endsAt, String failureError,
                              long sequence) {

    public String statusAt(Instant now) {
        if (now.isBefore(runningAt)) {
            return "scheduling";
        }
        if (endsAt == null || now.isBefore(endsAt)) {
            return "running";
        }
        return failureError == null ? "finished" : "failed";
    }

    public boolean inProgressAt(Instant now) {
        return endsAt == null || now.isBefore(endsAt);
    }

    public boolean finishedAt(Instant now) {
        return "finished".equals(statusAt(now));
    }

    public boolean failedAt(Instant now) {
        return "failed".equals(statusAt(now));
    }

    /** When the operation last changed status, as of {@code now}. */
    public Instant updatedAt(Instant now) {
        if (now.isBefore(runningAt)) {
            return createdAt;
        }
        if (endsAt == null || now.isBefore(endsAt)) {
            return runningAt;
        }
        return endsAt;
    }

    /** Milliseconds from creation to completion, or until now while still in progress. */
    public long totalDurationMillisAt(Instant now) {
        Instant end = endsAt == null || now.isBefore(endsAt) ? now : endsAt;
        return Math.max(0, Duration.between(createdAt, end).toMillis());
    }
}
