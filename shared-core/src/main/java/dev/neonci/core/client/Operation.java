package dev.neonci.core.client;

import java.time.Instant;

/**
 * A Neon operation ({@code Operation} schema). Status values per the spec's {@code OperationStatus}:
 * {@code scheduling}, {@code running}, {@code finished}, {@code failed}, {@code error},
 * {@code cancelling}, {@code cancelled}, {@code skipped}.
 */
public record Operation(
        String id,
        String projectId,
        String branchId,
        String endpointId,
        String action,
        String status,
        String error,
        int failuresCount,
        Instant createdAt,
        Instant updatedAt,
        long totalDurationMs) {

    /** {@code finished} or {@code skipped}: done, nothing to wait for. */
    public boolean isSucceeded() {
        return "finished".equals(status) || "skipped".equals(status);
    }

    /** {@code failed}, {@code error} or {@code cancelled}: will never finish. */
    public boolean isFailed() {
        return "failed".equals(status) || "error".equals(status) || "cancelled".equals(status);
    }

    /**
     * Terminal means it will not change any more. An unknown status counts as in progress: waiting on
     * it until the deadline is safer than proceeding while Neon is still busy.
     */
    public boolean isTerminal() {
        return isSucceeded() || isFailed();
    }
}
