package dev.neonci.core.lifecycle;

import java.util.List;
import java.util.Map;

/**
 * Outcome of {@link BranchLifecycle#sweep}.
 *
 * <p>{@link #matched()} are the names that met the prefix and age (never the default or a protected
 * branch); {@link #deleted()} those actually deleted (empty in a dry run); {@link #failed()} those whose
 * deletion failed, with the one-line reason (a sweep goes on past a failure).
 */
public final class SweepResult {

    private final List<String> matched;
    private final List<String> deleted;
    private final Map<String, String> failed;
    private final boolean dryRun;

    public SweepResult(List<String> matched, List<String> deleted, Map<String, String> failed, boolean dryRun) {
        this.matched = List.copyOf(matched);
        this.deleted = List.copyOf(deleted);
        this.failed = Map.copyOf(failed);
        this.dryRun = dryRun;
    }

    public List<String> matched() {
        return matched;
    }

    public List<String> deleted() {
        return deleted;
    }

    /** Name to reason for each branch whose deletion failed. */
    public Map<String, String> failed() {
        return failed;
    }

    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public String toString() {
        return "SweepResult[matched=" + matched + ", deleted=" + deleted + ", failed=" + failed.keySet()
                + ", dryRun=" + dryRun + "]";
    }
}
