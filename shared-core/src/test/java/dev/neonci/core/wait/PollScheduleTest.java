package dev.neonci.core.wait;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default schedule against the targets it was designed for. Lag = time from the operation's end to the
 * poll that sees it. The waiter starts a few ms after Neon created the operation, so an operation of D ends
 * at D - (0..30 ms) on the waiter's clock.
 */
class PollScheduleTest {

    final PollSchedule schedule = PollSchedule.defaults();

    @Test
    void offsetsStartFastAndBackOff() {
        List<Long> ms = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ms.add(schedule.offsetOf(i).toMillis());
        }
        assertEquals(List.of(125L, 225L, 385L, 641L, 1041L, 1441L, 1873L, 2435L, 3165L, 4115L), ms);
    }

    @Test
    void meetsTheLagAndPollTargets() {
        check(Duration.ofMillis(200), 100, 200, 4);
        check(Duration.ofSeconds(1), 200, 400, 7);
        check(Duration.ofSeconds(3), 500, 900, 10);
    }

    private void check(Duration d, long medianMs, long p95Ms, int maxPolls) {
        List<Long> lags = new ArrayList<>();
        int worstPolls = 0;
        long base = d.toMillis();
        for (int k = 0; k <= 30; k++) {
            long end = base - k;
            int n = 1;
            while (schedule.offsetOf(n).toMillis() < end) {
                n++;
            }
            lags.add(schedule.offsetOf(n).toMillis() - end);
            worstPolls = Math.max(worstPolls, n);
        }
        Collections.sort(lags);
        long median = lags.get(lags.size() / 2);
        long p95 = lags.get((int) (lags.size() * 0.95));
        assertTrue(median <= medianMs, d + ": median lag " + median);
        assertTrue(p95 <= p95Ms, d + ": p95 lag " + p95);
        assertTrue(worstPolls <= maxPolls, d + ": polls " + worstPolls);
    }

    @Test
    void forAnyDurationTheLagStaysUnder400MsOrAThirdOfTheWait() {
        List<Long> offsets = new ArrayList<>();
        for (int i = 1; offsets.isEmpty() || offsets.get(offsets.size() - 1) < 130_000; i++) {
            offsets.add(schedule.offsetOf(i).toMillis());
        }
        int n = 0;
        for (long end = 1; end <= 120_000; end += 7) {
            while (offsets.get(n) < end) {
                n++;
            }
            long lag = offsets.get(n) - end;
            assertTrue(lag <= Math.max(400, end * 0.3) + 1, end + " ms: lag " + lag);
        }
    }

    @Test
    void aLongWaitCostsAtMostThirtyRequestsAMinute() {
        int polls = 0;
        while (schedule.offsetOf(polls + 1).compareTo(Duration.ofMinutes(10)) <= 0) {
            polls++;
        }
        int inFirstMinute = 0;
        while (schedule.offsetOf(inFirstMinute + 1).compareTo(Duration.ofMinutes(1)) <= 0) {
            inFirstMinute++;
        }
        assertTrue(polls - inFirstMinute <= 9 * 30 + 1, "minutes 2-10: " + (polls - inFirstMinute));
        assertTrue(inFirstMinute <= 45, "first minute: " + inFirstMinute);
        assertEquals(Duration.ofSeconds(2), schedule.intervalAfter(100, Duration.ofMinutes(5)));
    }

    @Test
    void isConfigurable() {
        PollSchedule fixed = PollSchedule.builder().firstPoll(Duration.ZERO).initialInterval(Duration.ofMillis(10))
                .factor(1.0).steadyInterval(Duration.ofMillis(10)).proportion(0).maxInterval(Duration.ofMillis(10)).build();
        assertEquals(Duration.ofMillis(30), fixed.offsetOf(4));
        assertThrows(IllegalArgumentException.class, () -> PollSchedule.builder().factor(0.5));
    }
}
