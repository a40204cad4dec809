package io.jenkins.plugins.neonci;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Collections;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The Neon API key is a Secret text credential ({@link StringCredentials}). Steps and the global configuration
 * store only its id; the key is read at request time, in the context of the build (so folder-scoped credentials
 * work) and its use is recorded on the build.
 */
final class NeonCredentials {

    private NeonCredentials() {}

    /**
     * The API key for {@code credentialsId}, looked up for {@code run}; usage is tracked.
     *
     * @throws AbortException naming the id when it does not exist / is not visible to the build, or is not
     *                        a Secret text credential
     */
    static @NonNull String apiKey(@NonNull Run<?, ?> run, @NonNull String credentialsId) throws AbortException {
        StringCredentials c = CredentialsProvider.findCredentialById(
                credentialsId, StringCredentials.class, run, Collections.emptyList());
        if (c == null) {
            IdCredentials other = CredentialsProvider.findCredentialById(
                    credentialsId, IdCredentials.class, run, Collections.emptyList());
            if (other != null) {
                throw new AbortException("Credentials '" + credentialsId + "' are of type '"
                        + other.getDescriptor().getDisplayName()
                        + "', but Neon needs a 'Secret text' credential holding a Neon API key");
            }
            throw new AbortException("Could not find credentials '" + credentialsId
                    + "' (a 'Secret text' credential holding a Neon API key) for " + run.getParent().getFullName()
                    + ": check the id, and that the credential is global or stored in this job's folder or a parent folder");
        }
        CredentialsProvider.track(run, c);
        return c.getSecret().getPlainText();
    }

    /** Credentials drop-down for a step's {@code credentialsId}, with the checks the credentials plugin documents. */
    static ListBoxModel fillItems(@CheckForNull Item item, @CheckForNull String credentialsId) {
        String current = credentialsId == null ? "" : credentialsId;
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayList(item)) {
            return result.includeCurrentValue(current);
        }
        if (item == null) {
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class,
                            Collections.emptyList(), CredentialsMatchers.always())
                    .includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(authenticationOf(item), item, StringCredentials.class,
                        Collections.emptyList(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /** Form validation for {@code credentialsId}; says nothing to users who may not list credentials. */
    static FormValidation check(@CheckForNull Item item, @CheckForNull String value, boolean blankOk) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return blankOk ? FormValidation.ok()
                    : FormValidation.error("Choose a Secret text credential holding a Neon API key");
        }
        if (value.startsWith("${") && value.endsWith("}")) {
            return FormValidation.warning("Cannot validate expression based credentials");
        }
        CredentialsMatcher withId = CredentialsMatchers.withId(value);
        ListBoxModel found = item == null
                ? new StandardListBoxModel().includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class,
                        Collections.emptyList(), withId)
                : new StandardListBoxModel().includeMatchingAs(authenticationOf(item), item, StringCredentials.class,
                        Collections.emptyList(), withId);
        if (found.isEmpty()) {
            return FormValidation.error("Cannot find a Secret text credential with id '" + value + "'");
        }
        return FormValidation.ok();
    }

    /** consumer.adoc: administrators in the global context; EXTENDED_READ or USE_ITEM on an item. */
    private static boolean mayList(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** The authentication the job's builds run as (what {@link #apiKey} will see), else SYSTEM. */
    private static Authentication authenticationOf(@NonNull Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
