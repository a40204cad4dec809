package dev.neonci.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** List branches: substring search on name or id, limit + cursor pages, sort_by/sort_order, include_deleted. */
class PaginationAndSearchTest extends EmulatorTestSupport {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @BeforeEach
    void startWithBranches() throws Exception {
        start(NeonEmulator.builder().operationDuration(Duration.ZERO).clock(clock));
        for (int i = 1; i <= 7; i++) {
            clock.advance(Duration.ofSeconds(1));
            createBranch("ci/build-" + i, false);
        }
        clock.advance(Duration.ofSeconds(1));
        createBranch("feature-x", false);
    }

    private List<String> names(JsonObject page) {
        List<String> names = new ArrayList<>();
        for (JsonElement branch : page.getAsJsonArray("branches")) {
            names.add(field(branch.getAsJsonObject(), "name"));
        }
        return names;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void searchIsASubstringFilterOnNameOrId() throws Exception {
        assertEquals(7, names(api.get("/branches?search=" + encode("ci/")).json()).size());
        assertEquals(List.of("ci/build-3"), names(api.get("/branches?search=" + encode("build-3")).json()));
        assertEquals(List.of("feature-x"), names(api.get("/branches?search=ture").json()), "a substring, not a prefix");
        assertTrue(names(api.get("/branches?search=nothing-like-this").json()).isEmpty());
        String mainId = emulator.defaultBranchId();
        // Part of the id (no "br-" prefix) but with its random suffix, which no other branch id shares; a
        // shorter piece such as the adjective of "br-twilight-math-2a635a9a" can match other ids.
        assertEquals(List.of("main"), names(api.get("/branches?search=" + mainId.substring(3)).json()), "matches ids too");
    }

    @Test
    void limitAndCursorWalkEveryBranchOnce() throws Exception {
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = api.get("/branches?limit=3" + (next == null ? "" : "&cursor=" + encode(next))).json();
            pages++;
            seen.addAll(names(page));
            JsonObject pagination = page.getAsJsonObject("pagination");
            next = pagination.has("next") ? field(pagination, "next") : null;
        } while (next != null && pages < 10);

        assertEquals(3, pages, "9 branches in pages of 3; the last page carries no next");
        assertEquals(9, seen.size());
        assertEquals(9, seen.stream().distinct().count(), "no branch repeated");
        assertEquals("feature-x", seen.get(0), "default order: updated_at descending");
        assertEquals("main", seen.get(8));
    }

    @Test
    void aBranchCreatedBetweenPagesDoesNotShiftTheRest() throws Exception {
        JsonObject first = api.get("/branches?limit=4&sort_by=created_at&sort_order=asc").json();
        assertEquals(List.of("main", "ci/build-1", "ci/build-2", "ci/build-3"), names(first));
        clock.advance(Duration.ofSeconds(1));
        createBranch("late", false);
        String next = field(first.getAsJsonObject("pagination"), "next");
        JsonObject second = api.get("/branches?limit=4&sort_by=created_at&sort_order=asc&cursor=" + encode(next)).json();
        assertEquals(List.of("ci/build-4", "ci/build-5", "ci/build-6", "ci/build-7"), names(second));
    }

    @Test
    void sortByNameAndCreatedAtBothOrders() throws Exception {
        List<String> ascending = names(api.get("/branches?sort_by=name&sort_order=asc").json());
        List<String> sorted = new ArrayList<>(ascending);
        sorted.sort(String::compareTo);
        assertEquals(sorted, ascending);
        assertEquals("main", ascending.get(ascending.size() - 1));
        List<String> newestFirst = names(api.get("/branches?sort_by=created_at&sort_order=desc").json());
        assertEquals("feature-x", newestFirst.get(0));
        JsonObject pagination = api.get("/branches?sort_by=name").json().getAsJsonObject("pagination");
        assertEquals("name", field(pagination, "sort_by"));
        assertEquals("desc", field(pagination, "sort_order"));
    }

    @Test
    void deletedBranchesOnlyWithIncludeDeleted() throws Exception {
        String id = field(api.get("/branches?search=feature").json().getAsJsonArray("branches").get(0).getAsJsonObject(), "id");
        assertEquals(200, api.delete("/branches/" + id).status());
        assertFalse(names(api.get("/branches").json()).contains("feature-x"));
        assertTrue(names(api.get("/branches?include_deleted=true").json()).contains("feature-x"));
    }

    @Test
    void invalidListParametersAnswer400() throws Exception {
        assertEquals(400, api.get("/branches?sort_by=size").status());
        assertEquals(400, api.get("/branches?sort_order=up").status());
        assertEquals(400, api.get("/branches?limit=0").status());
        assertEquals(400, api.get("/branches?limit=10001").status());
        assertEquals(400, api.get("/branches?limit=ten").status());
        assertEquals(400, api.get("/branches?cursor=not-a-cursor").status());
        String next = field(api.get("/branches?limit=2").json().getAsJsonObject("pagination"), "next");
        assertEquals(400, api.get("/branches?limit=2&sort_by=name&cursor=" + encode(next)).status(),
                "a cursor belongs to its sort order");
    }
}
