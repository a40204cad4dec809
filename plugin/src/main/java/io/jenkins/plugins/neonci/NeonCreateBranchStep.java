package io.jenkins.plugins.neonci;

import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonException;
import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.wait.Deadline;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.neonci.support.BranchParameters;
import io.jenkins.plugins.neonci.support.BranchResults;
import io.jenkins.plugins.neonci.support.ConnectionSettings;
import io.jenkins.plugins.neonci.support.LogProgressListener;
import java.time.Clock;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code def b = neonCreateBranch projectId: '…', credentialsId: 'neon-api-key'}: get-or-create a branch by name,
 * wait until it is really usable, and return its non-secret details as a plain {@code Map}
 * (see {@link BranchResults}). The branch outlives the step; delete it with {@code neonDeleteBranch}, or use
 * {@code withNeonBranch} which also hands out the password.
 */
public class NeonCreateBranchStep extends AbstractNeonBranchStep {

    @DataBoundConstructor
    public NeonCreateBranchStep() {}

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /** Runs on a pool thread (not the CPS VM thread); a controller restart fails it with a retry hint. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient NeonCreateBranchStep step;

        Execution(NeonCreateBranchStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            try {
                ConnectionSettings settings = step.connectionSettings();
                BranchParameters params = step.branchParameters();
                var request = params.toRequest(derivedBranchName(run), Clock.systemUTC());
                Deadline deadline = Deadline.after(BranchParameters.timeout(step.getTimeout()));
                String apiKey = NeonCredentials.apiKey(run, settings.credentialsId());
                try (NeonClient client = NeonStepRunner.client(settings, apiKey)) {
                    BranchLifecycle lifecycle = new BranchLifecycle(client, settings.projectId(),
                            new LogProgressListener(listener.getLogger()));
                    BranchConnection c = lifecycle.ensureBranch(request, deadline);
                    listener.getLogger().println(LogProgressListener.PREFIX + (c.created() ? "Created" : "Reusing")
                            + " branch " + c.branchName() + " (" + c.branchId() + ") in project "
                            + settings.projectId() + "; host " + c.host());
                    return BranchResults.toMap(c);
                }
            } catch (NeonException e) {
                throw NeonStepRunner.abort("neonCreateBranch failed", e);
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends AbstractNeonBranchStepDescriptor {

        @Override
        public String getFunctionName() {
            return "neonCreateBranch";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Create (or reuse) a Neon branch and wait until it is ready";
        }
    }
}
