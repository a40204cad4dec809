package dev.neonci.action;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GitHubContextTest {

    @TempDir
    Path dir;

    @Test
    void pullRequestNumberFromTheMergeOrHeadRef() {
        assertEquals(Optional.of("42"), new GitHubContext(Map.of("GITHUB_REF", "refs/pull/42/merge")).pullRequestNumber());
        assertEquals(Optional.of("7"), new GitHubContext(Map.of("GITHUB_REF", "refs/pull/7/head")).pullRequestNumber());
        assertEquals(Optional.empty(), new GitHubContext(Map.of("GITHUB_REF", "refs/heads/pull/42/merge")).pullRequestNumber());
        assertEquals(Optional.empty(), new GitHubContext(Map.of("GITHUB_REF", "refs/tags/v1")).pullRequestNumber());
        assertEquals(Optional.empty(), new GitHubContext(Map.of()).pullRequestNumber());
    }

    @Test
    void pullRequestTargetReadsTheEventPayload() throws Exception {
        // pull_request_target runs on the base branch: GITHUB_REF is refs/heads/main.
        Path event = Files.writeString(dir.resolve("event.json"), "{\"action\":\"opened\",\"number\":99,\"pull_request\":{\"number\":99}}");
        Map<String, String> env = Map.of("GITHUB_REF", "refs/heads/main", "GITHUB_EVENT_NAME", "pull_request_target",
                "GITHUB_EVENT_PATH", event.toString());
        assertEquals(Optional.of("99"), new GitHubContext(env).pullRequestNumber());
    }

    @Test
    void aBrokenOrMissingPayloadIsNoPullRequest() throws Exception {
        Path event = Files.writeString(dir.resolve("event.json"), "{not json");
        assertEquals(Optional.empty(), new GitHubContext(Map.of("GITHUB_EVENT_NAME", "pull_request_target",
                "GITHUB_EVENT_PATH", event.toString())).pullRequestNumber());
        assertEquals(Optional.empty(), new GitHubContext(Map.of("GITHUB_EVENT_NAME", "pull_request_target",
                "GITHUB_EVENT_PATH", dir.resolve("missing.json").toString())).pullRequestNumber());
        // Only pull_request events are read.
        Path push = Files.writeString(dir.resolve("push.json"), "{\"number\":5}");
        assertEquals(Optional.empty(), new GitHubContext(Map.of("GITHUB_EVENT_NAME", "push",
                "GITHUB_EVENT_PATH", push.toString())).pullRequestNumber());
    }

    @Test
    void runContext() {
        GitHubContext gh = new GitHubContext(Map.of("GITHUB_JOB", "test", "GITHUB_RUN_ID", "123", "GITHUB_RUN_ATTEMPT", "3"));
        assertEquals(Optional.of("test"), gh.job());
        assertEquals(Optional.of("123"), gh.runId());
        assertEquals("3", gh.runAttempt());
        assertEquals("1", new GitHubContext(Map.of()).runAttempt());
    }
}
