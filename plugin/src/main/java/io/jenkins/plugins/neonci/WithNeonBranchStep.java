package io.jenkins.plugins.neonci;

import dev.neonci.core.ci.ConnectionEnvironment;
import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.client.NeonAuthenticationException;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonException;
import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.lifecycle.DeleteResult;
import dev.neonci.core.lifecycle.EnsureBranchRequest;
import dev.neonci.core.wait.Deadline;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.neonci.support.BranchParameters;
import io.jenkins.plugins.neonci.support.ConnectionSettings;
import io.jenkins.plugins.neonci.support.LogProgressListener;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FailureHandler;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withNeonBranch(projectId: '…', credentialsId: 'neon-api-key') { sh 'npm test' }}: get-or-create a branch,
 * wait until it is ready, run the body with {@code DATABASE_URL}, {@code DATABASE_URL_POOLED}, {@code PGHOST},
 * {@code PGUSER}, {@code PGPASSWORD}, {@code PGDATABASE}, {@code PGSSLMODE}, {@code NEON_BRANCH_ID} and
 * {@code NEON_BRANCH_NAME} set (secrets masked in the console), then delete the branch whatever happened,
 * unless {@code keep: true}.
 */
public class WithNeonBranchStep extends AbstractNeonBranchStep {

    private boolean keep;

    @DataBoundConstructor
    public WithNeonBranchStep() {}

    /** Keep the branch after the block (default: delete it on success, failure and abort). */
    public boolean isKeep() {
        return keep;
    }

    @DataBoundSetter
    public void setKeep(boolean keep) {
        this.keep = keep;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /** Where the step is; persisted with the program so a restarted controller knows what to clean up. */
    enum Phase { CREATING, BODY, CLEANING, DONE }

    static final class Execution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 1L;

        private static final Logger LOGGER = Logger.getLogger(WithNeonBranchStep.class.getName());

        /** Cleanup after an abort runs here: it may wait for Neon, so neither the CPS VM thread nor jenkins.util.Timer. */
        private static final ExecutorService CLEANUP = Executors.newCachedThreadPool(
                new NamingThreadFactory(new DaemonThreadFactory(), "neon-ci withNeonBranch cleanup"));

        /** Only needed by {@link #start()}; not kept across a restart. */
        private final transient WithNeonBranchStep step;

        // Everything cleanup needs after a restart. Never the API key (only the credentials id) and never the password.
        private String apiUrl;
        private String projectId;
        private String credentialsId;
        private volatile String branchName;
        private volatile @CheckForNull String branchId;
        private boolean keep;
        private int timeoutSeconds;
        private volatile Phase phase;

        /** The request for the background thread; not persisted (a create does not survive a restart anyway). */
        private transient EnsureBranchRequest request;
        private transient volatile boolean stopping;
        private transient CountDownLatch createFinished;

        Execution(WithNeonBranchStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            // Validation only (no I/O), so mistakes fail fast; everything the cleanup needs is persisted first.
            Run<?, ?> run = getContext().get(Run.class);
            try {
                ConnectionSettings settings = step.connectionSettings();
                BranchParameters params = step.branchParameters();
                String derived = derivedBranchName(run);
                request = params.toRequest(derived, Clock.systemUTC());
                branchName = params.effectiveBranchName(derived);
                timeoutSeconds = (int) BranchParameters.timeout(step.getTimeout()).toSeconds();
                apiUrl = settings.apiUrl();
                projectId = settings.projectId();
                credentialsId = settings.credentialsId();
                keep = step.isKeep();
            } catch (NeonException e) {
                throw NeonStepRunner.abort("withNeonBranch", e);
            }
            createFinished = new CountDownLatch(1);
            phase = Phase.CREATING;
            run(this::doStart);
            return false;
        }

        /** On a pool thread: create or reuse the branch, then start the body with the connection variables. */
        private void doStart() throws Exception {
            StepContext ctx = getContext();
            Run<?, ?> run = ctx.get(Run.class);
            TaskListener listener = ctx.get(TaskListener.class);
            BranchConnection c;
            try {
                String apiKey = NeonCredentials.apiKey(run, credentialsId);
                try (NeonClient client = NeonStepRunner.client(settings(), apiKey)) {
                    LogProgressListener progress = new LogProgressListener(listener.getLogger());
                    BranchLifecycle lifecycle = new BranchLifecycle(client, projectId, progress);
                    try {
                        c = lifecycle.ensureBranch(request, Deadline.after(Duration.ofSeconds(timeoutSeconds)));
                    } catch (NeonException e) {
                        AbortException failure = NeonStepRunner.abort("withNeonBranch could not prepare branch " + branchName, e);
                        // Neon may have created the branch before the failure (e.g. a timeout while waiting):
                        // the block would have deleted it afterwards, so do it now.
                        if (!keep && !stopping && !(e instanceof InvalidInputException) && !(e instanceof NeonAuthenticationException)) {
                            try {
                                DeleteResult r = lifecycle.deleteBranch(branchName, Deadline.after(Duration.ofSeconds(timeoutSeconds)));
                                if (r.deleted()) {
                                    progress.info("Deleted branch " + branchName + " after the failure");
                                }
                            } catch (NeonException d) {
                                failure.addSuppressed(d);
                            }
                        }
                        throw failure;
                    }
                }
            } finally {
                createFinished.countDown();
            }

            ConnectionEnvironment env = ConnectionEnvironment.of(c);
            NeonEnvironment variables = new NeonEnvironment(env.variables(), env.secretNames());
            NeonMaskingFilter filter = new NeonMaskingFilter(env.secretValues(), run.getCharset().name());
            NeonFailureHandler failureHandler = new NeonFailureHandler(env.secretValues());
            // Dekker-style hand-off with stop() through two volatile fields: either this thread sees `stopping`,
            // or stop() sees Phase.BODY; both ways stop() schedules the deletion.
            branchId = c.branchId();
            branchName = c.branchName();
            phase = Phase.BODY;
            if (stopping) {
                return; // stop() has failed the step and scheduled the deletion
            }
            ctx.saveState();
            PrintStream log = listener.getLogger();
            log.println(LogProgressListener.PREFIX + (c.created() ? "Created" : "Reusing") + " branch " + c.branchName()
                    + " (" + c.branchId() + "); set in the block: " + String.join(", ", variables.names())
                    + "; masked: " + String.join(", ", variables.getSensitiveVariables())
                    + (keep ? "; the branch is kept afterwards (keep: true)" : "; the branch is deleted afterwards"));
            ctx.newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(ctx.get(EnvironmentExpander.class), variables))
                    .withContext(BodyInvoker.mergeConsoleLogFilters(ctx.get(ConsoleLogFilter.class), filter))
                    .withContext(FailureHandler.merge(ctx.get(FailureHandler.class), failureHandler))
                    .withCallback(new Cleanup())
                    .start();
        }

        /** Runs off the CPS VM thread after the body, on success and on failure (including abort). */
        private final class Cleanup extends TailCall {

            private static final long serialVersionUID = 1L;

            @Override
            protected void finished(StepContext context) throws Exception {
                phase = Phase.CLEANING;
                try {
                    deleteBranch(context.get(Run.class), context.get(TaskListener.class));
                } finally {
                    phase = Phase.DONE;
                }
            }
        }

        /**
         * Abort. While the body runs Pipeline stops the innermost step, the body fails and {@link Cleanup}
         * deletes the branch. This method matters when no body is running: the branch is being created (or the
         * step is stopped directly). It fails the step at once, then deletes the branch in the background, after
         * the interrupted create has returned, so a branch Neon created in the meantime is not left behind.
         */
        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            stopping = true;
            Phase p = phase;
            // Taken before the step is failed: afterwards the context may no longer hand them out.
            Run<?, ?> run = null;
            TaskListener listener = TaskListener.NULL;
            if (!keep && p != null && p != Phase.DONE) {
                try {
                    run = getContext().get(Run.class);
                    TaskListener l = getContext().get(TaskListener.class);
                    if (l != null) {
                        listener = l;
                    }
                } catch (IOException e) {
                    LOGGER.log(Level.WARNING, "Cannot prepare the deletion of Neon branch " + branchName, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    LOGGER.log(Level.WARNING, "Cannot prepare the deletion of Neon branch " + branchName, e);
                }
            }
            super.stop(cause);
            if (run != null) {
                Run<?, ?> r = run;
                TaskListener l = listener;
                CountDownLatch created = createFinished;
                CLEANUP.execute(() -> cleanupAfterStop(r, l, created));
            }
        }

        private void cleanupAfterStop(Run<?, ?> run, TaskListener listener, @CheckForNull CountDownLatch created) {
            try {
                if (created != null && !created.await(timeoutSeconds, TimeUnit.SECONDS)) {
                    LOGGER.log(Level.WARNING, "Create of Neon branch {0} still running after abort; deleting anyway", branchName);
                }
                deleteBranch(run, listener);
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "Could not delete Neon branch " + branchName + " in project " + projectId
                        + " after the build was aborted; delete it with neonDeleteBranch or a sweep", e);
                // PrintStream never throws; if the build log is closed already the line is simply lost.
                listener.getLogger().println(LogProgressListener.PREFIX
                        + "Could not delete branch " + branchName + " after the abort: " + e.getMessage());
            }
        }

        /**
         * After a controller restart. During the body nothing is needed ({@link Cleanup} is part of the saved
         * program). A create or a cleanup that was in flight cannot continue: the branch is deleted again
         * (idempotent) and the step fails with a clear message.
         */
        @Override
        public void onResume() {
            Phase p = phase;
            if (p == Phase.CREATING) {
                run(() -> {
                    deleteQuietly(getContext().get(Run.class), getContext().get(TaskListener.class));
                    throw new NeonResumeNotSupportedException(getContext(),
                            "Jenkins restarted while withNeonBranch was creating Neon branch " + branchName
                                    + (keep ? " (kept: keep is true)." : " (it has been deleted again).")
                                    + " Re-running creates it afresh.");
                });
            } else if (p == Phase.CLEANING) {
                run(() -> {
                    deleteBranch(getContext().get(Run.class), getContext().get(TaskListener.class));
                    throw new AbortException("Jenkins restarted while withNeonBranch was deleting Neon branch "
                            + branchName + "; the deletion has now finished, but the result of the block was lost");
                });
            } else {
                super.onResume();
            }
        }

        private void deleteQuietly(Run<?, ?> run, TaskListener listener) {
            try {
                deleteBranch(run, listener);
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "Could not delete Neon branch " + branchName + " in project " + projectId, e);
            }
        }

        /** Deletes the branch (by id once known, else by name) unless {@code keep}; idempotent. */
        private void deleteBranch(Run<?, ?> run, TaskListener listener) throws Exception {
            LogProgressListener progress = new LogProgressListener(listener.getLogger());
            if (keep) {
                progress.info("Keeping branch " + branchName + " (keep: true)");
                return;
            }
            String target = branchId != null ? branchId : branchName;
            try {
                String apiKey = NeonCredentials.apiKey(run, credentialsId);
                try (NeonClient client = NeonStepRunner.client(settings(), apiKey)) {
                    DeleteResult r = new BranchLifecycle(client, projectId, progress)
                            .deleteBranch(target, Deadline.after(Duration.ofSeconds(timeoutSeconds)));
                    progress.info(r.deleted()
                            ? "Deleted branch " + branchName
                            : "Branch " + branchName + " was already gone");
                }
            } catch (NeonException e) {
                throw NeonStepRunner.abort("withNeonBranch could not delete branch " + branchName
                        + " (delete it with neonDeleteBranch or a sweep)", e);
            }
        }

        private ConnectionSettings settings() {
            return new ConnectionSettings(apiUrl, projectId, credentialsId);
        }

        @Override
        public @NonNull String getStatus() {
            return "Neon branch " + branchName + ": " + phase + "; " + super.getStatus();
        }
    }

    @Extension
    public static final class DescriptorImpl extends AbstractNeonBranchStepDescriptor {

        @Override
        public String getFunctionName() {
            return "withNeonBranch";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run a block with its own Neon branch (deleted afterwards)";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}
