package io.jenkins.plugins.neonci;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.neonci.support.BranchParameters;
import io.jenkins.plugins.neonci.support.ConnectionSettings;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Parameters every Neon step shares: where the API is, which project, which credential, and how long to wait.
 * Unset values fall back to {@link NeonGlobalConfiguration}.
 */
public abstract class AbstractNeonStep extends Step {

    private String projectId;
    private String credentialsId;
    private String apiUrl;
    private int timeout;

    public @CheckForNull String getProjectId() {
        return projectId;
    }

    @DataBoundSetter
    public void setProjectId(@CheckForNull String projectId) {
        this.projectId = Util.fixEmptyAndTrim(projectId);
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public @CheckForNull String getApiUrl() {
        return apiUrl;
    }

    @DataBoundSetter
    public void setApiUrl(@CheckForNull String apiUrl) {
        this.apiUrl = Util.fixEmptyAndTrim(apiUrl);
    }

    /** Overall budget for the step's Neon calls, in seconds; 0 means {@value BranchParameters#DEFAULT_TIMEOUT_SECONDS}. */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    /** Step values over global defaults, validated by the core (throws {@code InvalidInputException}). */
    ConnectionSettings connectionSettings() {
        NeonGlobalConfiguration g = NeonGlobalConfiguration.get();
        return ConnectionSettings.resolve(apiUrl, projectId, credentialsId,
                g.getApiUrl(), g.getProjectId(), g.getCredentialsId());
    }

    /** Shared descriptor: runs outside {@code node}, fills and validates the common fields. */
    public abstract static class AbstractNeonStepDescriptor extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return NeonCredentials.fillItems(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            // Blank is fine when a default is configured globally.
            boolean hasDefault = NeonGlobalConfiguration.get().getCredentialsId() != null;
            return NeonCredentials.check(item, value, hasDefault);
        }

        @POST
        public FormValidation doCheckApiUrl(@QueryParameter String value) {
            return NeonFormValidation.apiUrl(value);
        }

        @POST
        public FormValidation doCheckProjectId(@QueryParameter String value) {
            boolean hasDefault = NeonGlobalConfiguration.get().getProjectId() != null;
            return NeonFormValidation.projectId(value, hasDefault);
        }

        @POST
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return NeonFormValidation.timeout(value);
        }
    }
}
