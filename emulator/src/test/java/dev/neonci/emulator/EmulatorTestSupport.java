package dev.neonci.emulator;

import com.google.gson.JsonObject;
import dev.neonci.emulator.spec.NeonOpenApi;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Shared helpers: a started emulator per test, spec validation of everything it answered. */
abstract class EmulatorTestSupport {

    static final String KEY = "test-key";

    NeonEmulator emulator;
    ApiClient api;

    NeonEmulator start(NeonEmulator.Builder builder) {
        emulator = builder.apiKey(KEY).start();
        api = new ApiClient(emulator, KEY);
        return emulator;
    }

    /** Validates every response the emulator sent in this test against Neon's OpenAPI spec, then stops it. */
    @org.junit.jupiter.api.AfterEach
    void validateAllResponsesAndStop() {
        if (emulator == null) {
            return;
        }
        try {
            NeonOpenApi.load().assertValidResponses(emulator.requestLog().snapshot());
        } finally {
            emulator.close();
        }
    }

    String createBranch(String name, boolean withEndpoint) throws java.io.IOException {
        String body = "{\"branch\":{\"name\":\"" + name + "\"}"
                + (withEndpoint ? ",\"endpoints\":[{\"type\":\"read_write\"}]" : "") + "}";
        ApiClient.Reply reply = api.post("/branches", body);
        if (reply.status() != 201) {
            throw new AssertionError("create " + name + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.object("branch").get("id").getAsString();
    }

    static String field(JsonObject object, String name) {
        return object.get(name).getAsString();
    }

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(10);
        }
    }
}
