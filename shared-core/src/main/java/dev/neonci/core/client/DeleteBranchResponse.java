package dev.neonci.core.client;

import java.util.List;

/**
 * Outcome of {@code DELETE /projects/{project_id}/branches/{branch_id}}.
 *
 * @param deleted    true for a 200 (the branch existed and is now being deleted); false for 204 or 404
 *                   (Neon says it does not exist or was already deleted)
 * @param branch     the deleted branch as Neon returned it, or null when nothing was deleted
 * @param operations what to wait for (e.g. suspend_compute, delete_timeline)
 */
public record DeleteBranchResponse(boolean deleted, Branch branch, List<Operation> operations) {

    public DeleteBranchResponse {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }
}
