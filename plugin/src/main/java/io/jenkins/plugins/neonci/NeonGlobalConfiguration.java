package io.jenkins.plugins.neonci;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.neonci.support.ConnectionSettings;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » System » Neon: defaults for every Neon step (a step parameter always wins).
 * Configuration as Code: {@code unclassified: neon: {apiUrl: …, credentialsId: …, projectId: …}}.
 */
@Extension
@Symbol("neon")
public class NeonGlobalConfiguration extends GlobalConfiguration {

    private String apiUrl;
    private String credentialsId;
    private String projectId;

    public NeonGlobalConfiguration() {
        load();
    }

    public static @NonNull NeonGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(NeonGlobalConfiguration.class);
    }

    /** Default Neon API base URL; blank means Neon's public API ({@value ConnectionSettings#DEFAULT_API_URL}). */
    public @CheckForNull String getApiUrl() {
        return apiUrl;
    }

    @DataBoundSetter
    public void setApiUrl(@CheckForNull String apiUrl) {
        this.apiUrl = Util.fixEmptyAndTrim(apiUrl);
        save();
    }

    /** Default id of the Secret text credential holding the Neon API key. */
    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    /** Default Neon project id. */
    public @CheckForNull String getProjectId() {
        return projectId;
    }

    @DataBoundSetter
    public void setProjectId(@CheckForNull String projectId) {
        this.projectId = Util.fixEmptyAndTrim(projectId);
        save();
    }

    @POST
    public FormValidation doCheckApiUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return NeonFormValidation.apiUrl(value);
    }

    @POST
    public FormValidation doCheckProjectId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return NeonFormValidation.projectId(value, true);
    }

    @POST
    public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        return NeonCredentials.check(item, value, true);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return NeonCredentials.fillItems(item, credentialsId);
    }
}
