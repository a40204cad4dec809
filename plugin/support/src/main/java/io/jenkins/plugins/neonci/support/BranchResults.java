package io.jenkins.plugins.neonci.support;

import dev.neonci.core.lifecycle.BranchConnection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code neonCreateBranch} returns to the Pipeline script: only non-secret values, only JDK types
 * ({@link String}, {@link Boolean}), so the result is safe in the Groovy sandbox and safe to print.
 * The password and the connection URIs never appear here; {@code withNeonBranch} hands those out as
 * masked environment variables instead. Jenkins-free.
 */
public final class BranchResults {

    private BranchResults() {}

    /** Keys of the returned map, in order. */
    public static final String BRANCH_ID = "branchId";
    public static final String BRANCH_NAME = "branchName";
    public static final String CREATED = "created";
    public static final String ENDPOINT_ID = "endpointId";
    public static final String HOST = "host";
    public static final String POOLER_HOST = "poolerHost";
    public static final String DATABASE = "database";
    public static final String ROLE = "role";
    public static final String SSL_MODE = "sslMode";
    public static final String EXPIRES_AT = "expiresAt";

    /** A fresh, mutable {@link LinkedHashMap} (serializable, sandbox-friendly). */
    public static Map<String, Object> toMap(BranchConnection c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(BRANCH_ID, c.branchId());
        m.put(BRANCH_NAME, c.branchName());
        m.put(CREATED, Boolean.valueOf(c.created()));
        m.put(ENDPOINT_ID, c.endpointId());
        m.put(HOST, c.host());
        m.put(POOLER_HOST, c.poolerHost());
        m.put(DATABASE, c.database());
        m.put(ROLE, c.role());
        m.put(SSL_MODE, c.sslMode() == null ? null : c.sslMode().value());
        m.put(EXPIRES_AT, c.expiresAt().map(Object::toString).orElse(null));
        return m;
    }
}
