package dev.neonci.core.it;

import dev.neonci.core.client.NeonClient;
import dev.neonci.core.http.Backoff;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.emulator.NeonEmulator;
import java.time.Duration;
import java.util.UUID;

/**
 * An emulator plus a client and lifecycle pointed at it, with a random API key per test so that the
 * secret-leak checks have a value to look for. Retries back off quickly so that tests stay fast.
 */
public final class Emulated implements AutoCloseable {

    public final String apiKey = "neon-it-" + UUID.randomUUID();
    public final NeonEmulator emulator;
    public final NeonClient client;
    public final RecordingListener listener = new RecordingListener();
    public final BranchLifecycle lifecycle;

    public Emulated(Duration operationDuration) {
        this(NeonEmulator.builder().operationDuration(operationDuration), Duration.ofSeconds(5));
    }

    public Emulated(NeonEmulator.Builder emulatorBuilder, Duration readTimeout) {
        this.emulator = emulatorBuilder.apiKey(apiKey).start();
        this.client = NeonClient.builder()
                .apiKey(apiKey)
                .baseUrl(emulator.baseUrl())
                .userAgentProduct("it")
                .readTimeout(readTimeout)
                .backoff(new Backoff(Duration.ofMillis(40), Duration.ofMillis(400), Math::random))
                .build();
        this.lifecycle = new BranchLifecycle(client, emulator.projectId(), listener);
    }

    public String projectId() {
        return emulator.projectId();
    }

    public long liveBranchesNamed(String name) {
        return emulator.branches(projectId()).stream().filter(b -> b.name().equals(name) && !b.deleted()).count();
    }

    @Override
    public void close() {
        client.close();
        emulator.close();
    }
}
