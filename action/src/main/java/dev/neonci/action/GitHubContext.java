package dev.neonci.action;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the {@code GITHUB_*} environment a default branch name is derived from.
 *
 * <ul>
 *   <li>Pull request number: from {@code GITHUB_REF} {@code refs/pull/<n>/merge} (or {@code /head});
 *       for {@code pull_request_target} (whose ref is the base branch) from the event payload at
 *       {@code GITHUB_EVENT_PATH} ({@code pull_request.number}).</li>
 *   <li>Run: {@code GITHUB_JOB}, {@code GITHUB_RUN_ID}, {@code GITHUB_RUN_ATTEMPT}.</li>
 * </ul>
 */
public final class GitHubContext {

    private static final Pattern PULL_REF = Pattern.compile("^refs/pull/(\\d+)/(?:merge|head)$");

    private final Map<String, String> env;

    public GitHubContext(Map<String, String> env) {
        this.env = env;
    }

    /** The pull request number this run is for, if any. */
    public Optional<String> pullRequestNumber() {
        Matcher m = PULL_REF.matcher(env.getOrDefault("GITHUB_REF", ""));
        if (m.matches()) {
            return Optional.of(m.group(1));
        }
        String event = env.getOrDefault("GITHUB_EVENT_NAME", "");
        String eventPath = env.get("GITHUB_EVENT_PATH");
        if (event.startsWith("pull_request") && eventPath != null && !eventPath.isBlank()) {
            try (Reader reader = Files.newBufferedReader(Path.of(eventPath), StandardCharsets.UTF_8)) {
                JsonElement root = JsonParser.parseReader(reader);
                if (root.isJsonObject()) {
                    JsonObject pr = root.getAsJsonObject().getAsJsonObject("pull_request");
                    JsonElement number = pr != null ? pr.get("number") : root.getAsJsonObject().get("number");
                    if (number != null && number.isJsonPrimitive() && number.getAsString().matches("\\d+")) {
                        return Optional.of(number.getAsString());
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public Optional<String> job() {
        return value("GITHUB_JOB");
    }

    public Optional<String> runId() {
        return value("GITHUB_RUN_ID");
    }

    /** {@code GITHUB_RUN_ATTEMPT}, "1" when absent. */
    public String runAttempt() {
        return value("GITHUB_RUN_ATTEMPT").orElse("1");
    }

    private Optional<String> value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
