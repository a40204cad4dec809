package dev.neonci.core.lifecycle;

import dev.neonci.core.client.InvalidInputException;
import java.util.Locale;

/**
 * The libpq {@code sslmode} put into connection URIs and {@code PGSSLMODE}. Neon requires TLS, so the
 * choice is how strictly the server certificate is checked; {@link #OMIT} leaves the parameter out for
 * clients that reject it (the client's own default then applies).
 */
public enum SslMode {
    REQUIRE("require"),
    VERIFY_CA("verify-ca"),
    VERIFY_FULL("verify-full"),
    OMIT(null);

    private final String value;

    SslMode(String value) {
        this.value = value;
    }

    /** The libpq value, e.g. {@code verify-full}; null for {@link #OMIT}. */
    public String value() {
        return value;
    }

    /**
     * Parses user input: {@code require}, {@code verify-ca}, {@code verify-full}, {@code omit}
     * (case-insensitive; {@code _} accepted for {@code -}); null or blank = {@link #REQUIRE}.
     *
     * @param input the input's name for the error message, e.g. {@code ssl}
     */
    public static SslMode parse(String input, String value) {
        if (value == null || value.isBlank()) {
            return REQUIRE;
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (SslMode m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(v)) {
                return m;
            }
        }
        throw new InvalidInputException(input, "\"" + value.trim().replaceAll("\\p{Cntrl}", "?")
                + "\" is not a valid SSL mode (expected require, verify-ca, verify-full or omit)");
    }
}
