package dev.neonci.action.github;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StepSummaryTest {

    @TempDir
    Path dir;

    @Test
    void tableSkipsNullRowsAndEscapesPipes() {
        String md = new StepSummary()
                .heading("Neon branch ready")
                .table(List.of(
                        new String[] {"Branch", StepSummary.code("ci/a|b")},
                        new String[] {"Expires", null},
                        new String[] {"Created or reused", "created"}))
                .markdown();
        assertEquals("### Neon branch ready\n\n"
                + "| | |\n|---|---|\n"
                + "| Branch | `ci/a\\|b` |\n"
                + "| Created or reused | created |\n\n", md);
    }

    @Test
    void codeSurvivesBackticks() {
        assertEquals("`plain`", StepSummary.code("plain"));
        assertEquals("`` a`b ``", StepSummary.code("a`b"));
    }

    @Test
    void appendsToTheSummaryFile() throws Exception {
        Path file = dir.resolve("step_summary_1");
        Files.writeString(file, "before\n");
        new StepSummary().paragraph("after").appendTo(file);
        assertEquals("before\nafter\n\n", Files.readString(file));
    }
}
