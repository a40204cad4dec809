package dev.neonci.action.github;

import dev.neonci.action.testing.RunnerCommandParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowCommandsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final WorkflowCommands commands = new WorkflowCommands(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void escapesMessagesLikeTheToolkit() {
        assertEquals("100%25 done%0D%0Anext: a,b", WorkflowCommands.escapeData("100% done\r\nnext: a,b"));
        // '%' first, so an existing escape sequence survives the round trip.
        assertEquals("%250A", WorkflowCommands.escapeData("%0A"));
    }

    @Test
    void escapesPropertiesAlsoForColonAndComma() {
        assertEquals("a%3A b%2C c%25%0A", WorkflowCommands.escapeProperty("a: b, c%\n"));
    }

    @Test
    void errorWithTitleIsOneLineTheRunnerParsesBack() {
        String title = "Neon: 423, locked";
        String message = "project is locked\nretry later (100%)";
        commands.error(title, message);
        List<String> lines = lines();
        assertEquals(1, lines.size());
        assertEquals("::error title=Neon%3A 423%2C locked::project is locked%0Aretry later (100%25)", lines.get(0));
        RunnerCommandParser.Command parsed = RunnerCommandParser.parse(lines.get(0));
        assertEquals("error", parsed.name());
        assertEquals(Map.of("title", title), parsed.properties());
        assertEquals(message, parsed.data());
    }

    @Test
    void propertiesCannotInjectOtherProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("title", "x,line=1,file=evil");
        props.put("file", "a:b");
        String line = WorkflowCommands.format("warning", props, "m");
        RunnerCommandParser.Command parsed = RunnerCommandParser.parse(line);
        assertEquals("x,line=1,file=evil", parsed.properties().get("title"));
        assertEquals("a:b", parsed.properties().get("file"));
        assertFalse(parsed.properties().containsKey("line"));
    }

    @Test
    void maskGroupDebugAndWarningFormats() {
        commands.addMask("s3cr%t");
        commands.addMask("");
        commands.addMask(null);
        commands.group("Creating branch ci/42");
        commands.debug("waiting: running");
        commands.endGroup();
        commands.warning(null, "careful");
        commands.notice("hello");
        assertEquals(List.of(
                "::add-mask::s3cr%25t",
                "::group::Creating branch ci/42",
                "::debug::waiting: running",
                "::endgroup::",
                "::warning::careful",
                "::notice::hello"), lines());
        assertEquals("s3cr%t", RunnerCommandParser.parse(lines().get(0)).data());
    }

    @Test
    void infoIsAlwaysOneLine() {
        commands.info("first\n::add-mask::sneaky\r\nthird");
        List<String> lines = lines();
        assertEquals(1, lines.size());
        assertNull(RunnerCommandParser.parse(lines.get(0)), "a plain line must not parse as a command");
        assertTrue(lines.get(0).startsWith("first "));
    }

    @Test
    void multiLineSecretIsAlsoMaskedLineByLine() {
        commands.addMask("line1\nline2");
        assertEquals(List.of("::add-mask::line1%0Aline2", "::add-mask::line1", "::add-mask::line2"), lines());
    }
}
