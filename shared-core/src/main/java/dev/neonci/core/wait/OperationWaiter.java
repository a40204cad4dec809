package dev.neonci.core.wait;

import dev.neonci.core.client.Durations;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonException;
import dev.neonci.core.client.NeonTimeoutException;
import dev.neonci.core.client.Operation;
import dev.neonci.core.client.OperationFailedException;
import dev.neonci.core.http.RetryListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits until Neon operations are terminal ("poll the operation status before proceeding with dependent
 * requests", Neon's docs), following a {@link PollSchedule} inside the caller's {@link Deadline}.
 *
 * <p>Efficient with several operations: each round polls the unfinished ones in the order Neon returned
 * them and stops at the first still in progress (Neon runs a branch's operations one after another, so a
 * later one cannot be done before an earlier one); a finished operation is never polled again. A round
 * therefore costs one request, plus one per operation that finished since the last round. The schedule runs
 * from the start of the whole wait, not per operation: what a wait costs in polls depends on how long the
 * branch takes to be ready, not on how many operations Neon split the work into.
 *
 * <p>{@code finished} and {@code skipped} succeed; {@code failed}, {@code error} and {@code cancelled}
 * throw {@link OperationFailedException} with Neon's error text; running out of time throws
 * {@link NeonTimeoutException} naming the operation, its action and its last status.
 *
 * <p>Progress goes to the {@link WaitListener} when an operation's status changes, and at most every
 * {@value #REPORT_EVERY_SECONDS} s otherwise, so CI logs show life without a line per poll.
 */
public final class OperationWaiter {

    static final int REPORT_EVERY_SECONDS = 5;
    /** Time kept for one last poll before the deadline, about one API round trip. */
    private static final Duration LAST_POLL_MARGIN = Duration.ofMillis(100);

    private final NeonClient client;
    private final String projectId;
    private final PollSchedule schedule;
    private final WaitListener listener;

    public OperationWaiter(NeonClient client, String projectId) {
        this(client, projectId, PollSchedule.defaults(), WaitListener.NONE);
    }

    public OperationWaiter(NeonClient client, String projectId, PollSchedule schedule, WaitListener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.projectId = Objects.requireNonNull(projectId, "projectId");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.listener = listener == null ? WaitListener.NONE : listener;
    }

    public PollSchedule schedule() {
        return schedule;
    }

    /**
     * Waits for all {@code operations} (as returned by the call that started them) to end.
     *
     * @return the operations in their final state, in the given order
     * @throws OperationFailedException if one failed (the first failure seen)
     * @throws NeonTimeoutException     if the deadline passes first
     */
    public List<Operation> awaitAll(Collection<Operation> operations, Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        Map<String, Operation> latest = new LinkedHashMap<>();
        for (Operation op : operations) {
            latest.put(op.id(), op);
        }
        for (Operation op : latest.values()) {
            failIfFailed(op);
        }
        List<String> pending = new ArrayList<>();
        for (Operation op : latest.values()) {
            if (!op.isTerminal()) {
                pending.add(op.id());
            }
        }
        if (pending.isEmpty()) {
            return List.copyOf(latest.values());
        }
        NeonClient scoped = client.withDeadline(deadline, retryListener());
        Progress progress = new Progress();
        poll(deadline, () -> {
            while (!pending.isEmpty()) {
                String id = pending.get(0);
                Operation now = scoped.getOperation(projectId, id);
                if (now == null) {
                    now = latest.get(id);
                }
                latest.put(id, now);
                failIfFailed(now);
                if (!now.isTerminal()) {
                    return false;
                }
                pending.remove(0);
            }
            return true;
        }, elapsed -> {
            Operation op = latest.get(pending.get(0));
            progress.report(op.action(), op.status(), elapsed);
        }, () -> {
            Operation op = latest.get(pending.get(0));
            return "Neon operation " + op.action() + " (" + op.id() + ") to finish; last status: " + op.status();
        });
        return List.copyOf(latest.values());
    }

    /**
     * Polls {@code probe} on this waiter's schedule until {@code done} accepts its result. For state that has
     * no operation, e.g. a branch leaving {@code init} or an endpoint leaving a pending state.
     *
     * @param what   for progress and timeout messages, e.g. {@code "endpoint ep-1"}
     * @param status the status to report for a result, e.g. its {@code current_state}
     */
    public <T> T until(String what, Supplier<T> probe, Predicate<T> done, Function<T, String> status, Deadline deadline) {
        return until(what, probe.get(), probe, done, status, deadline);
    }

    /** Like {@link #until(String, Supplier, Predicate, Function, Deadline)} with a first result already fetched. */
    public <T> T until(String what, T first, Supplier<T> probe, Predicate<T> done, Function<T, String> status,
                       Deadline deadline) {
        if (done.test(first)) {
            return first;
        }
        List<T> last = new ArrayList<>(List.of(first));
        Progress progress = new Progress();
        poll(deadline, () -> {
            T now = probe.get();
            last.set(0, now);
            return done.test(now);
        }, elapsed -> progress.report(what, status.apply(last.get(0)), elapsed),
                () -> what + " to be ready; last status: " + status.apply(last.get(0)));
        return last.get(0);
    }

    /**
     * The polling loop: poll at the schedule's offsets from the start (so slow answers do not push later
     * polls back), and once more just before the deadline if the next offset lies beyond it.
     */
    private void poll(Deadline deadline, BooleanSupplier roundDone, java.util.function.Consumer<Duration> report,
                      Supplier<String> waitingFor) {
        Duration start = deadline.elapsed();
        Duration next = schedule.firstPoll();
        int polls = 0;
        while (true) {
            Duration elapsed = deadline.elapsed().minus(start);
            Duration pause = next.minus(elapsed);
            boolean lastChance = false;
            Duration remaining = deadline.remaining();
            if (pause.plus(LAST_POLL_MARGIN).compareTo(remaining) > 0) {
                pause = remaining.minus(LAST_POLL_MARGIN);
                lastChance = true;
                if (pause.isNegative()) {
                    throw timeout(deadline, waitingFor.get());
                }
            }
            sleep(pause);
            polls++;
            boolean done;
            try {
                done = roundDone.getAsBoolean();
            } catch (NeonTimeoutException e) {
                throw new NeonTimeoutException("Timed out after " + Durations.format(deadline.timeout())
                        + " waiting for " + waitingFor.get(), deadline.timeout(), e);
            }
            if (done) {
                return;
            }
            Duration at = deadline.elapsed().minus(start);
            report.accept(at);
            if (lastChance || deadline.isExpired()) {
                throw timeout(deadline, waitingFor.get());
            }
            next = next.plus(schedule.intervalAfter(polls, next));
            if (next.compareTo(at) < 0) {
                // Answers were slower than the schedule: poll right away, but do not burst to catch up.
                next = at;
            }
        }
    }

    private static NeonTimeoutException timeout(Deadline deadline, String waitingFor) {
        return new NeonTimeoutException("Timed out after " + Durations.format(deadline.timeout())
                + " waiting for " + waitingFor, deadline.timeout());
    }

    private RetryListener retryListener() {
        return listener instanceof RetryListener ? (RetryListener) listener : RetryListener.NONE;
    }

    private void sleep(Duration pause) {
        if (pause.isNegative() || pause.isZero()) {
            return;
        }
        try {
            client.sleeper().sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NeonException("Interrupted while waiting for Neon", e);
        }
    }

    private static void failIfFailed(Operation op) {
        if (op.isFailed()) {
            throw new OperationFailedException(op.id(), op.action(), op.status(), op.error());
        }
    }

    /** Reports on status change, else at most every few seconds. */
    private final class Progress {
        private String lastKey;
        private Duration lastAt;

        void report(String action, String status, Duration elapsed) {
            String key = action + "\u0000" + status;
            if (!key.equals(lastKey) || lastAt == null
                    || elapsed.minus(lastAt).compareTo(Duration.ofSeconds(REPORT_EVERY_SECONDS)) >= 0) {
                lastKey = key;
                lastAt = elapsed;
                listener.waiting(action, status, elapsed);
            }
        }
    }
}
