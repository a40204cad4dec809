package dev.neonci.core.wait;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default schedule against the targets it was designed for. Lag = time from the operation's end to the
 * poll that sees it; the operation's end varies from D to D + 10 % + 30 ms (server timing, response time).
 */
class PollScheduleTest {

    final PollSchedule schedule = PollSchedule.defaults();

    @Test
    void offsetsStartFastAndBackOff() {
        List<Long> ms = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ms.add(schedule.offsetOf(i).toMillis());
        }
        assertEquals(List.of(100L, 160L, 262L, 435L, 730L, 1231L, 1831L, 2431L, 3031L, 3637L), ms);
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
        long spread = base / 10 + 30;
        for (int k = 0; k <= 200; k++) {
            long end = base + spread * k / 200;
            int n = 1;
            while (schedule.offsetOf(n).toMillis() < end) {
                n++;
            }
            lags.add(schedule.offsetOf(n).toMillis() - end);
            if (end == base) {
                worstPolls = Math.max(worstPolls, n);
            }
        }
        Collections.sort(lags);
        long median = lags.get(lags.size() / 2);
        long p95 = lags.get((int) (lags.size() * 0.95));
        assertTrue(median <= medianMs, d + ": median lag " + median);
        assertTrue(p95 <= p95Ms, d + ": p95 lag " + p95);
        assertTrue(worstPolls <= maxPolls, d + ": polls " + worstPolls);
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
