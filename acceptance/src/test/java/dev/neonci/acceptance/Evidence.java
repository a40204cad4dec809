package dev.neonci.acceptance;

import dev.neonci.action.testing.RunnerCommandParser;
import dev.neonci.action.testing.RunnerSimulator.StepResult;
import dev.neonci.emulator.NeonEmulator;
import dev.neonci.emulator.RecordedRequest;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything a user (or a log collector) could see during one case — listener messages, exception
 * messages, {@code toString()}s and stack traces, process stdout/stderr, the state and summary files —
 * and the secrets that must never be in it: the API key and every password the emulator's roles have.
 *
 * <p>{@code $GITHUB_OUTPUT} is deliberately <b>not</b> collected for passwords: it is where the action's
 * outputs go, and {@code password}, {@code db_url} and {@code db_url_pooled} are outputs by contract (the
 * runner masks them). It is still checked for the API key, which is never an output.
 */
final class Evidence {

    private static final Pattern JSON_PASSWORD = Pattern.compile("\"password\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern URI_PASSWORD = Pattern.compile("postgres(?:ql)?://[^:/@\\s\"]+:([^@\\s\"]+)@");

    record Text(String label, String text) {
    }

    private final String apiKey;
    private final Set<String> passwords = new LinkedHashSet<>();
    private final List<Text> texts = new ArrayList<>();
    /** Checked for the API key only (see the class comment). */
    private final List<Text> outputFiles = new ArrayList<>();

    Evidence(String apiKey) {
        this.apiKey = apiKey;
    }

    String apiKey() {
        return apiKey;
    }

    Set<String> passwords() {
        return passwords;
    }

    List<Text> texts() {
        return texts;
    }

    List<Text> outputFiles() {
        return outputFiles;
    }

    /** Reveals the default branch's role password (child branches inherit it) without logging the request. */
    void learnDefaultPassword(NeonEmulator emu) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/projects/" + emu.projectId()
                        + "/branches/" + emu.defaultBranchId() + "/roles/neondb_owner/reveal_password"))
                .header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofSeconds(5))
                .GET().build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("reveal_password answered HTTP " + res.statusCode());
        }
        harvest(res.body());
        if (passwords.isEmpty()) {
            throw new IllegalStateException("no password in the reveal_password answer");
        }
        emu.requestLog().clear();
    }

    /** Every password the emulator handed out during the case (reveal_password bodies, connection URIs). */
    void harvestPasswords(NeonEmulator emu) {
        for (RecordedRequest r : emu.requestLog().snapshot()) {
            if (r.responseBody() != null) {
                harvest(r.responseBody());
            }
        }
    }

    private void harvest(String body) {
        Matcher m = JSON_PASSWORD.matcher(body);
        while (m.find()) {
            passwords.add(m.group(1));
        }
        Matcher u = URI_PASSWORD.matcher(body);
        while (u.find()) {
            passwords.add(u.group(1));
            passwords.add(URLDecoder.decode(u.group(1), StandardCharsets.UTF_8));
        }
    }

    void add(String label, String text) {
        if (text != null) {
            texts.add(new Text(label, text));
        }
    }

    /** Message, toString and the full stack trace (with causes) of what the user's code would catch. */
    void add(String label, Throwable t) {
        if (t == null) {
            return;
        }
        add(label + " message", t.getMessage());
        add(label + " toString", t.toString());
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        add(label + " stack trace", trace.toString());
    }

    /**
     * A step's files and streams. The {@code ::add-mask::} lines are left out of stdout: registering a
     * secret with the runner is the one place it must appear (the runner swallows those lines and masks the
     * value everywhere after). Every other stdout line is checked unmasked — stricter than the runner.
     */
    void add(String label, StepResult r) {
        add(label + " stdout", r.stdout.stream().filter(line -> {
            RunnerCommandParser.Command c = RunnerCommandParser.parse(line);
            return c == null || !c.name().equals("add-mask");
        }).collect(Collectors.joining("\n")));
        add(label + " stderr", r.stderr);
        add(label + " $GITHUB_STATE", r.stateFileText);
        add(label + " $GITHUB_STEP_SUMMARY", r.summary);
        outputFiles.add(new Text(label + " $GITHUB_OUTPUT", r.outputFileText));
    }

    /** A text with every secret replaced, safe for an assertion message. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace(apiKey, "***KEY***");
        for (String p : passwords) {
            s = s.replace(p, "***PASSWORD***");
        }
        return s;
    }
}
