package dev.neonci.emulator.internal;

/**
 * Parsed list-branches query. {@code limit} null = no limit; {@code cursor} null = first page. Immutable.
 */
public record BranchQuery(String search, String sortBy, String sortOrder, String cursor, Integer limit,
                          boolean includeDeleted) {
}
