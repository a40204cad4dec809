package io.jenkins.plugins.neonci.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LogProgressListenerTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LogProgressListener listener =
            new LogProgressListener(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String log() {
        return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void waitingLine() {
        listener.waiting("create_timeline", "running", Duration.ofMillis(2100));
        assertEquals("[neon] waiting for create_timeline: running, 2.1 s\n", log());
    }

    @Test
    void retryingAndInfoLines() {
        listener.retrying("Neon answered 423 Locked", Duration.ofMillis(1250));
        listener.info("Creating branch ci/my-job/42 from main");
        assertEquals("[neon] Neon answered 423 Locked; retrying in 1.3 s\n"
                + "[neon] Creating branch ci/my-job/42 from main\n", log());
    }

    @Test
    void decimalPointWhateverTheLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            listener.waiting("start_compute", "scheduling", Duration.ofMillis(500));
        } finally {
            Locale.setDefault(before);
        }
        assertEquals("[neon] waiting for start_compute: scheduling, 0.5 s\n", log());
    }
}
