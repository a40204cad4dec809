package dev.neonci.action.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Environment files the runner reads after the step: {@code $GITHUB_OUTPUT} (outputs) and
 * {@code $GITHUB_STATE} (values for the post step, which sees them as {@code STATE_<name>}).
 *
 * <p>Each entry is {@code name=value} on one line, or, when the value holds a CR or LF, the heredoc form
 * {@code name<<ghadelimiter_<uuid>} / value / delimiter, as {@code @actions/core}'s
 * {@code prepareKeyValueMessage} writes it. The delimiter is random and never occurs in the value or
 * the name. Files are UTF-8 and appended to (other steps' entries are kept).
 */
public final class FileCommands {

    /** Line ending the runner splits on (it runs on Linux for container actions). */
    static final String EOL = "\n";

    private final Path file;
    private final Supplier<String> delimiters;

    public FileCommands(Path file) {
        this(file, () -> "ghadelimiter_" + UUID.randomUUID());
    }

    FileCommands(Path file, Supplier<String> delimiters) {
        this.file = Objects.requireNonNull(file, "file");
        this.delimiters = delimiters;
    }

    public Path file() {
        return file;
    }

    /** Appends one entry. */
    public void set(String name, String value) {
        String entry = encode(name, value == null ? "" : value, delimiters);
        try {
            Files.writeString(file, entry, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** One entry, including its final line break. */
    public static String encode(String name, String value) {
        return encode(name, value, () -> "ghadelimiter_" + UUID.randomUUID());
    }

    static String encode(String name, String value, Supplier<String> delimiters) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("file command name must not be empty");
        }
        if (name.contains("=") || name.contains("<<") || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("file command name must not contain '=', '<<' or a line break: " + name);
        }
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return name + "=" + value + EOL;
        }
        String delimiter = delimiters.get();
        for (int attempt = 0; value.contains(delimiter) || name.contains(delimiter); attempt++) {
            if (attempt > 10) {
                throw new IllegalStateException("no delimiter found that does not occur in the value");
            }
            delimiter = delimiters.get();
        }
        return name + "<<" + delimiter + EOL + value + EOL + delimiter + EOL;
    }
}
