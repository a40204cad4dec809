package io.jenkins.plugins.neonci;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.neonci.support.BranchParameters;
import dev.neonci.core.ci.BranchNames;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Parameters of the steps that create (or reuse) a branch: {@code neonCreateBranch} and {@code withNeonBranch}.
 */
public abstract class AbstractNeonBranchStep extends AbstractNeonStep {

    /** Prefix of derived branch names: {@code ci/<job full name>/<build number>}, sanitised by the core. */
    static final String BRANCH_NAME_PREFIX = "ci";

    private String branchName;
    private String parent;
    private String database;
    private String role;
    private String sslMode;
    private String expiresAt;
    private String ttl;
    private Integer suspendTimeout;

    public @CheckForNull String getBranchName() {
        return branchName;
    }

    @DataBoundSetter
    public void setBranchName(@CheckForNull String branchName) {
        this.branchName = Util.fixEmptyAndTrim(branchName);
    }

    public @CheckForNull String getParent() {
        return parent;
    }

    @DataBoundSetter
    public void setParent(@CheckForNull String parent) {
        this.parent = Util.fixEmptyAndTrim(parent);
    }

    public @CheckForNull String getDatabase() {
        return database;
    }

    @DataBoundSetter
    public void setDatabase(@CheckForNull String database) {
        this.database = Util.fixEmptyAndTrim(database);
    }

    public @CheckForNull String getRole() {
        return role;
    }

    @DataBoundSetter
    public void setRole(@CheckForNull String role) {
        this.role = Util.fixEmptyAndTrim(role);
    }

    public @CheckForNull String getSslMode() {
        return sslMode;
    }

    @DataBoundSetter
    public void setSslMode(@CheckForNull String sslMode) {
        this.sslMode = Util.fixEmptyAndTrim(sslMode);
    }

    public @CheckForNull String getExpiresAt() {
        return expiresAt;
    }

    @DataBoundSetter
    public void setExpiresAt(@CheckForNull String expiresAt) {
        this.expiresAt = Util.fixEmptyAndTrim(expiresAt);
    }

    public @CheckForNull String getTtl() {
        return ttl;
    }

    @DataBoundSetter
    public void setTtl(@CheckForNull String ttl) {
        this.ttl = Util.fixEmptyAndTrim(ttl);
    }

    public @CheckForNull Integer getSuspendTimeout() {
        return suspendTimeout;
    }

    @DataBoundSetter
    public void setSuspendTimeout(@CheckForNull Integer suspendTimeout) {
        this.suspendTimeout = suspendTimeout;
    }

    /** The Jenkins-free view of these parameters, which maps them to the core's request. */
    BranchParameters branchParameters() {
        return new BranchParameters()
                .branchName(branchName)
                .parent(parent)
                .database(database)
                .role(role)
                .sslMode(sslMode)
                .expiresAt(expiresAt)
                .ttl(ttl)
                .suspendTimeout(suspendTimeout);
    }

    /** Default branch name for a build: derived by the core from the job's full name and the build number. */
    static String derivedBranchName(Run<?, ?> run) {
        return BranchNames.derive(BRANCH_NAME_PREFIX, run.getParent().getFullName(), Integer.toString(run.getNumber()));
    }

    /** Descriptor adding validation of the branch fields. */
    public abstract static class AbstractNeonBranchStepDescriptor extends AbstractNeonStepDescriptor {

        @POST
        public FormValidation doCheckBranchName(@QueryParameter String value) {
            return NeonFormValidation.branchName("branchName", value);
        }

        @POST
        public FormValidation doCheckParent(@QueryParameter String value) {
            return NeonFormValidation.branchName("parent", value);
        }

        @POST
        public FormValidation doCheckExpiresAt(@QueryParameter String value) {
            return NeonFormValidation.expiresAt(value);
        }

        @POST
        public FormValidation doCheckTtl(@QueryParameter String value) {
            return NeonFormValidation.ttl(value);
        }
    }
}
