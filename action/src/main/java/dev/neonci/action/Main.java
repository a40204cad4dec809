package dev.neonci.action;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The container's entrypoint for the main step ({@code java -jar neon-ci-action.jar}). Inputs come from
 * {@code INPUT_*} variables; arguments are ignored (the runner passes none unless action.yml sets
 * {@code args}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new ActionRunner(System.getenv(), stdout(), System.err, Clock.systemUTC()).runMain());
    }

    /** UTF-8 stdout that flushes every line: the runner reads commands line by line as they come. */
    static PrintStream stdout() {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(out);
        return out;
    }
}
