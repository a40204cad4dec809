package dev.neonci.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command line: one start-up line, serves until SIGTERM, then exits promptly. */
class MainTest {

    private static final Pattern BASE_URL = Pattern.compile("base_url=(\\S+) project_id=(\\S+)");

    private static Process launch(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void printsOneLineServesAndStopsOnSigterm() throws Exception {
        Process process = launch("--port", "0", "--api-key", "cli-secret-key", "--operation-ms", "0",
                "--rate-limit-per-minute", "100");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line, "the emulator printed nothing");
            Matcher matcher = BASE_URL.matcher(line);
            assertTrue(matcher.find(), line);
            assertFalse(line.contains("cli-secret-key"), "a key given on the command line is not echoed");
            String baseUrl = matcher.group(1);
            assertTrue(baseUrl.matches("http://127\\.0\\.0\\.1:\\d+/api/v2"), baseUrl);

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/projects/" + matcher.group(2) + "/branches"))
                            .header("Authorization", "Bearer cli-secret-key").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"name\":\"main\""));
        } finally {
            process.destroy(); // SIGTERM
        }
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the emulator stops on SIGTERM");
    }

    @Test
    void rejectsUnknownOptionsWithUsage() throws Exception {
        Process process = launch("--colour", "blue");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue());
        assertTrue(output.contains("unknown option --colour"), output);
        assertTrue(output.contains("usage:"), output);
    }
}
