package dev.neonci.action.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Markdown for {@code $GITHUB_STEP_SUMMARY}: a heading and two-column tables. Callers put only
 * non-secret values here (branch, created or reused, host, timings) — never a password or a URL.
 */
public final class StepSummary {

    private final StringBuilder markdown = new StringBuilder();

    public StepSummary heading(String text) {
        markdown.append("### ").append(text.replaceAll("[\\r\\n]+", " ")).append("\n\n");
        return this;
    }

    public StepSummary paragraph(String text) {
        markdown.append(text).append("\n\n");
        return this;
    }

    /** A key/value table; rows whose value is null are left out. */
    public StepSummary table(List<String[]> rows) {
        List<String[]> kept = new ArrayList<>();
        for (String[] row : rows) {
            if (row[1] != null) {
                kept.add(row);
            }
        }
        if (kept.isEmpty()) {
            return this;
        }
        markdown.append("| | |\n|---|---|\n");
        for (String[] row : kept) {
            markdown.append("| ").append(cell(row[0])).append(" | ").append(cell(row[1])).append(" |\n");
        }
        markdown.append('\n');
        return this;
    }

    /** A one-column list of code-formatted names (e.g. swept branches). */
    public StepSummary codeList(List<String> items) {
        for (String item : items) {
            markdown.append("- ").append(code(item)).append('\n');
        }
        if (!items.isEmpty()) {
            markdown.append('\n');
        }
        return this;
    }

    public String markdown() {
        return markdown.toString();
    }

    /** Appends to the summary file; a missing file (not on a runner) is skipped by the caller. */
    public void appendTo(Path file) {
        try {
            Files.writeString(file, markdown, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the step summary: " + e.getMessage(), e);
        }
    }

    /** Inline code that survives backticks in the value (table cells escape pipes). */
    public static String code(String value) {
        String v = value.replaceAll("[\\r\\n]+", " ");
        String fence = v.contains("`") ? "`` " : "`";
        String close = v.contains("`") ? " ``" : "`";
        return fence + v + close;
    }

    private static String cell(String value) {
        return value.replaceAll("[\\r\\n]+", " ").replace("|", "\\|");
    }
}
