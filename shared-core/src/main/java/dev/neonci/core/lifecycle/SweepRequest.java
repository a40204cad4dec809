package dev.neonci.core.lifecycle;

import dev.neonci.core.client.InvalidInputException;
import java.time.Duration;

/**
 * What {@link BranchLifecycle#sweep} deletes: branches whose name starts with {@code prefix} and that were
 * created more than {@code olderThan} ago. An empty prefix is refused: it would match every branch.
 *
 * @param dryRun only report what would be deleted
 */
public record SweepRequest(String prefix, Duration olderThan, boolean dryRun) {

    public SweepRequest {
        if (prefix == null || prefix.isBlank()) {
            throw new InvalidInputException("prefix", "is empty (expected a branch name prefix such as \"ci-\"; an empty prefix would match every branch)");
        }
        if (olderThan == null || olderThan.isNegative()) {
            throw new InvalidInputException("older_than", "must be a duration of zero or more (e.g. 7d, 12h, 30m)");
        }
    }
}
