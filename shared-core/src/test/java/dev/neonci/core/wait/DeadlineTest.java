package dev.neonci.core.wait;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void countsDownOnItsClock() {
        FakeTime t = new FakeTime();
        Deadline d = Deadline.after(Duration.ofSeconds(10), t);
        assertEquals(Duration.ofSeconds(10), d.remaining());
        t.advance(Duration.ofSeconds(4));
        assertEquals(Duration.ofSeconds(6), d.remaining());
        assertEquals(Duration.ofSeconds(4), d.elapsed());
        assertTrue(d.allows(Duration.ofSeconds(6)));
        assertFalse(d.allows(Duration.ofSeconds(7)));
        assertFalse(d.isExpired());
        t.advance(Duration.ofSeconds(7));
        assertEquals(Duration.ZERO, d.remaining(), "never negative");
        assertTrue(d.isExpired());
        assertEquals(Duration.ofSeconds(10), d.timeout());
    }

    @Test
    void theDefaultUsesTheMonotonicClock() throws InterruptedException {
        Deadline d = Deadline.after(Duration.ofMillis(50));
        assertFalse(d.isExpired());
        Thread.sleep(80);
        assertTrue(d.isExpired());
        assertThrows(IllegalArgumentException.class, () -> Deadline.after(Duration.ofSeconds(-1)));
    }
}
