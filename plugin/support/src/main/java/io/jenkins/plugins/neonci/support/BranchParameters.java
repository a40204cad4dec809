package io.jenkins.plugins.neonci.support;

import dev.neonci.core.ci.Inputs;
import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.lifecycle.SslMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Maps the branch parameters of {@code neonCreateBranch} / {@code withNeonBranch} to the core's
 * {@link EnsureBranchRequest}. Every value is validated by the core's {@link Inputs}; a mistake becomes an
 * {@link InvalidInputException} naming the step parameter. Jenkins-free, so it is unit tested without Jenkins.
 */
public final class BranchParameters {

    /** Timeout used when a step leaves {@code timeout} unset (0). */
    public static final int DEFAULT_TIMEOUT_SECONDS = 600;

    private String branchName;
    private String parent;
    private String database;
    private String role;
    private String sslMode;
    private String expiresAt;
    private String ttl;
    private Integer suspendTimeout;

    public BranchParameters branchName(String v) { this.branchName = blankToNull(v); return this; }
    public BranchParameters parent(String v) { this.parent = blankToNull(v); return this; }
    public BranchParameters database(String v) { this.database = blankToNull(v); return this; }
    public BranchParameters role(String v) { this.role = blankToNull(v); return this; }
    public BranchParameters sslMode(String v) { this.sslMode = blankToNull(v); return this; }
    public BranchParameters expiresAt(String v) { this.expiresAt = blankToNull(v); return this; }
    public BranchParameters ttl(String v) { this.ttl = blankToNull(v); return this; }
    public BranchParameters suspendTimeout(Integer v) { this.suspendTimeout = v; return this; }

    /**
     * The branch name the step will use: {@code branchName} if given (validated), else {@code derivedName}
     * (already produced by {@code BranchNames.derive} from the job and build number).
     */
    public String effectiveBranchName(String derivedName) {
        if (branchName != null) {
            return Inputs.branchName("branchName", branchName);
        }
        return Objects.requireNonNull(derivedName, "derivedName");
    }

    /**
     * Builds the core request.
     *
     * @param derivedName default branch name when {@code branchName} is unset
     * @param clock       "now" for {@code expiresAt} / {@code ttl}
     */
    public EnsureBranchRequest toRequest(String derivedName, Clock clock) {
        var b = EnsureBranchRequest.builder(effectiveBranchName(derivedName));
        if (parent != null) {
            b.parent(Inputs.branchName("parent", parent));
        }
        if (database != null) {
            b.database(database);
        }
        if (role != null) {
            b.role(role);
        }
        if (sslMode != null) {
            b.sslMode(SslMode.parse("sslMode", sslMode));
        }
        Instant expiry = expiry(clock);
        if (expiry != null) {
            b.expiresAt(expiry);
        }
        if (suspendTimeout != null) {
            b.suspendTimeoutSeconds(Inputs.suspendTimeoutSeconds("suspendTimeout", suspendTimeout.toString()));
        }
        return b.build();
    }

    /** {@code expiresAt} (RFC 3339) or now + {@code ttl}; both validated by the core; null if neither is set. */
    Instant expiry(Clock clock) {
        if (expiresAt != null && ttl != null) {
            throw new InvalidInputException("ttl", "set either expiresAt or ttl, not both");
        }
        if (expiresAt != null) {
            return Inputs.expiresAt("expiresAt", expiresAt, clock);
        }
        if (ttl != null) {
            Duration d = Inputs.duration("ttl", ttl);
            // Same bounds as expiresAt (in the future, at most 30 days ahead), reported against "ttl".
            return Inputs.expiresAt("ttl", clock.instant().plus(d).toString(), clock);
        }
        return null;
    }

    /** The step's {@code timeout} in seconds (0 = default) as a validated duration. */
    public static Duration timeout(int seconds) {
        int s = seconds == 0 ? DEFAULT_TIMEOUT_SECONDS : seconds;
        return Inputs.timeout("timeout", Integer.toString(s));
    }

    static String blankToNull(String v) {
        if (v == null) {
            return null;
        }
        String t = v.trim();
        return t.isEmpty() ? null : t;
    }
}
