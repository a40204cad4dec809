package dev.neonci.action;

import java.time.Clock;

/**
 * The post-entrypoint ({@code /opt/neon-ci/neon-ci-post} in the image, see action/build-runtime.sh):
 * runs at job end in a new container with the main step's {@code $GITHUB_STATE} values as
 * {@code STATE_*}, and deletes the branch when {@code delete_on_job_end} was set.
 */
public final class PostMain {

    private PostMain() {
    }

    public static void main(String[] args) {
        System.exit(new ActionRunner(System.getenv(), Main.stdout(), System.err, Clock.systemUTC()).runPost());
    }
}
