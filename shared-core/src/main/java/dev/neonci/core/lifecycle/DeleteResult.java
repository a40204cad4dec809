package dev.neonci.core.lifecycle;

/**
 * Outcome of {@link BranchLifecycle#deleteBranch}.
 *
 * @param deleted    false if there was nothing to delete (idempotent: not an error)
 * @param branchId   the deleted branch's id; null if nothing was deleted
 * @param branchName the deleted branch's name; null if nothing was deleted
 */
public record DeleteResult(boolean deleted, String branchId, String branchName) {
}
