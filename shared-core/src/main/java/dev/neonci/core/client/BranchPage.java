package dev.neonci.core.client;

import java.util.List;

/**
 * One page of {@code GET /projects/{project_id}/branches}.
 *
 * @param next the {@code pagination.next} cursor, or null when Neon sent none (last page)
 */
public record BranchPage(List<Branch> branches, String next) {

    public BranchPage {
        branches = branches == null ? List.of() : List.copyOf(branches);
        next = next == null || next.isEmpty() ? null : next;
    }
}
