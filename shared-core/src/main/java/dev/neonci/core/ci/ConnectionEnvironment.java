package dev.neonci.core.ci;

import dev.neonci.core.lifecycle.BranchConnection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link BranchConnection} as environment variables for the build: {@code DATABASE_URL},
 * {@code DATABASE_URL_POOLED}, libpq's {@code PGHOST}, {@code PGUSER}, {@code PGPASSWORD},
 * {@code PGDATABASE}, {@code PGSSLMODE} (left out for {@code SslMode.OMIT}), {@code NEON_BRANCH_ID} and
 * {@code NEON_BRANCH_NAME} — plus which names and values are secret, so front ends can mask them
 * ({@code ::add-mask::}, Jenkins' console masking) before anything is printed.
 *
 * <p>Immutable. {@link #toString()} shows variable names only.
 */
public final class ConnectionEnvironment {

    private final Map<String, String> variables;
    private final Set<String> secretNames;
    private final Set<String> secretValues;

    private ConnectionEnvironment(Map<String, String> variables, Set<String> secretNames, Set<String> secretValues) {
        this.variables = Collections.unmodifiableMap(variables);
        this.secretNames = Collections.unmodifiableSet(secretNames);
        this.secretValues = Collections.unmodifiableSet(secretValues);
    }

    public static ConnectionEnvironment of(BranchConnection c) {
        Objects.requireNonNull(c, "connection");
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("DATABASE_URL", c.dbUrl());
        vars.put("DATABASE_URL_POOLED", c.dbUrlPooled());
        vars.put("PGHOST", c.host());
        vars.put("PGUSER", c.role());
        vars.put("PGPASSWORD", c.password());
        vars.put("PGDATABASE", c.database());
        if (c.sslMode().value() != null) {
            vars.put("PGSSLMODE", c.sslMode().value());
        }
        vars.put("NEON_BRANCH_ID", c.branchId());
        vars.put("NEON_BRANCH_NAME", c.branchName());
        Set<String> names = new LinkedHashSet<>();
        names.add("DATABASE_URL");
        names.add("DATABASE_URL_POOLED");
        names.add("PGPASSWORD");
        Set<String> values = new LinkedHashSet<>();
        if (!c.password().isEmpty()) {
            values.add(c.password());
            // The URIs carry it percent-encoded; a program printing that part alone must be masked too.
            String encoded = BranchConnection.encode(c.password());
            if (!encoded.equals(c.password())) {
                values.add(encoded);
            }
        }
        values.add(c.dbUrl());
        values.add(c.dbUrlPooled());
        return new ConnectionEnvironment(vars, names, values);
    }

    /** Name to value, in a stable order (read-only view of a {@code LinkedHashMap}). */
    public Map<String, String> variables() {
        return variables;
    }

    /** Names of the variables whose values are secret: DATABASE_URL, DATABASE_URL_POOLED, PGPASSWORD. */
    public Set<String> secretNames() {
        return secretNames;
    }

    /**
     * The secret values themselves, to register with a log masker: the password (and its percent-encoded
     * form, when that differs) and both URIs.
     */
    public Set<String> secretValues() {
        return secretValues;
    }

    @Override
    public String toString() {
        return "ConnectionEnvironment" + variables.keySet() + " (secret: " + secretNames + ")";
    }
}
