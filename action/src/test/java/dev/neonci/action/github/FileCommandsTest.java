package dev.neonci.action.github;

import dev.neonci.action.testing.RunnerFileCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileCommandsTest {

    @TempDir
    Path dir;

    @Test
    void singleLineValueIsNameEqualsValue() {
        assertEquals("branch_id=br-cool-1\n", FileCommands.encode("branch_id", "br-cool-1"));
        assertEquals("created=\n", FileCommands.encode("created", ""));
    }

    @Test
    void valuesWithEqualsAndHeredocMarkersStayOnOneLine() {
        String value = "postgresql://u:p@h/db?sslmode=require&a<<b";
        String encoded = FileCommands.encode("db_url", value);
        assertEquals("db_url=" + value + "\n", encoded);
        assertEquals(Map.of("db_url", value), RunnerFileCommands.parse(encoded));
    }

    @Test
    void multiLineValueUsesHeredocWithRandomDelimiter() {
        String value = "[\n  \"ci/a\",\n  \"ci/b\"\n]";
        String encoded = FileCommands.encode("names", value);
        String header = encoded.substring(0, encoded.indexOf('\n'));
        assertTrue(header.matches("names<<ghadelimiter_[0-9a-f-]{36}"), header);
        assertEquals(Map.of("names", value), RunnerFileCommands.parse(encoded));
        assertNotEquals(header, FileCommands.encode("names", value).lines().findFirst().orElseThrow(),
                "delimiter must be random per entry");
    }

    @Test
    void carriageReturnsAndTrailingNewlinesSurvive() {
        for (String value : List.of("a\r\nb", "ends with newline\n", "\n", "\r", "x\n\ny", "\nleading")) {
            assertEquals(Map.of("v", value), RunnerFileCommands.parse(FileCommands.encode("v", value)),
                    () -> "value " + value.replace("\n", "\\n").replace("\r", "\\r"));
        }
    }

    @Test
    void delimiterThatOccursInTheValueIsNotUsed() {
        Deque<String> delimiters = new ArrayDeque<>(List.of("ghadelimiter_taken", "ghadelimiter_free"));
        String value = "line\nghadelimiter_taken\nmore";
        String encoded = FileCommands.encode("v", value, delimiters::pop);
        assertTrue(encoded.startsWith("v<<ghadelimiter_free\n"), encoded);
        assertEquals(Map.of("v", value), RunnerFileCommands.parse(encoded));
    }

    @Test
    void badNamesAreRejected() {
        for (String name : List.of("", "a=b", "a<<b", "a\nb")) {
            assertThrows(IllegalArgumentException.class, () -> FileCommands.encode(name, "v"), name);
        }
    }

    @Test
    void appendsUtf8EntriesToTheFile() throws Exception {
        Path output = dir.resolve("set_output_0b1c");
        Files.writeString(output, "earlier=step\n");
        FileCommands outputs = new FileCommands(output);
        outputs.set("branch_name", "ci/zürich");
        outputs.set("names", "a\nb");
        outputs.set("created", "true");
        outputs.set("created", "false");
        Map<String, String> parsed = RunnerFileCommands.parse(output);
        assertEquals(Map.of("earlier", "step", "branch_name", "ci/zürich", "names", "a\nb", "created", "false"), parsed);
        assertTrue(Files.readString(output, StandardCharsets.UTF_8).contains("ci/zürich"));
    }

    @Test
    void parserFollowsTheRunnerOnMalformedFiles() {
        assertThrows(IllegalArgumentException.class, () -> RunnerFileCommands.parse("v<<EOF\nno end\n"));
        assertThrows(IllegalArgumentException.class, () -> RunnerFileCommands.parse("=value\n"));
        assertThrows(IllegalArgumentException.class, () -> RunnerFileCommands.parse("justtext\n"));
        assertEquals(Map.of("a", "1", "b", "2"), RunnerFileCommands.parse("a=1\n\nb=2"));
    }
}
