package dev.neonci.core.client;

/**
 * Query of one branch list page.
 *
 * @param search substring filter on name or id (Neon's {@code search}); null for all
 * @param cursor {@code pagination.next} of the previous page; null for the first page
 * @param limit  page size, 1..10000 per the spec; null for Neon's default
 */
public record BranchListQuery(String search, String cursor, Integer limit) {

    public static BranchListQuery all() {
        return new BranchListQuery(null, null, null);
    }

    public static BranchListQuery search(String search) {
        return new BranchListQuery(search, null, null);
    }

    public BranchListQuery withCursor(String cursor) {
        return new BranchListQuery(search, cursor, limit);
    }

    public BranchListQuery withLimit(Integer limit) {
        return new BranchListQuery(search, cursor, limit);
    }
}
