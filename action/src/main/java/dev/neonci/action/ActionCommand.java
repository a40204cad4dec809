package dev.neonci.action;

import dev.neonci.core.client.InvalidInputException;

import java.util.Locale;

/** The action's {@code command} input. */
public enum ActionCommand {
    CREATE, DELETE, RESET, SWEEP;

    /** Blank = {@link #CREATE}; case-insensitive; anything else fails naming the {@code command} input. */
    public static ActionCommand parse(String value) {
        if (value == null || value.isBlank()) {
            return CREATE;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ActionCommand c : values()) {
            if (c.inputValue().equals(v)) {
                return c;
            }
        }
        throw new InvalidInputException("command", "\"" + value.trim().replaceAll("\\p{Cntrl}", "?")
                + "\" is not a command (expected create, delete, reset or sweep)");
    }

    /** The value as written in a workflow, e.g. {@code create}. */
    public String inputValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
