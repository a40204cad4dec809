package dev.neonci.core.client;

/**
 * A user mistake in an input (action input, pipeline step parameter or builder argument). The message is
 * one line that names the input and says what was expected, e.g.
 * {@code project_id: "Foo Bar" is not a valid Neon project id (expected ^[a-z0-9-]{1,60}$)}.
 * It never echoes a secret value.
 */
public class InvalidInputException extends NeonException {

    private final String input;

    /**
     * @param input   the input's name as the user wrote it, e.g. {@code project_id}
     * @param problem what is wrong and what was expected; the message becomes {@code input + ": " + problem}
     */
    public InvalidInputException(String input, String problem) {
        super(input + ": " + problem);
        this.input = input;
    }

    /** The name of the offending input as the front end calls it, e.g. {@code project_id}. */
    public String input() {
        return input;
    }
}
