package dev.neonci.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code pagination.next} of a branch list: the sort settings and the position (sort key,
 * then creation sequence) of the last branch on the page. Continuing compares positions instead of
 * counting offsets, so branches created or deleted between pages neither repeat nor vanish. Immutable.
 */
record BranchCursor(String sortBy, String sortOrder, String key, long sequence) {

    String encode() {
        String raw = sortBy + "\n" + sortOrder + "\n" + sequence + "\n" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static BranchCursor decode(String cursor, String sortBy, String sortOrder) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 4);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid cursor");
        }
        if (parts.length != 4) {
            throw ApiError.badRequest("invalid cursor");
        }
        if (!parts[0].equals(sortBy) || !parts[1].equals(sortOrder)) {
            throw ApiError.badRequest("cursor was issued for a different sort_by/sort_order");
        }
        try {
            return new BranchCursor(parts[0], parts[1], parts[3], Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid cursor");
        }
    }

    /** True if a branch at ({@code otherKey}, {@code otherSequence}) comes after this cursor in the sort order. */
    boolean isFollowedBy(String otherKey, long otherSequence) {
        int byKey = otherKey.compareTo(key);
        int comparison = byKey != 0 ? byKey : Long.compare(otherSequence, sequence);
        return sortOrder.equals("desc") ? comparison < 0 : comparison > 0;
    }
}
