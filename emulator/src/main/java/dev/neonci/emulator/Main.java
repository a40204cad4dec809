package dev.neonci.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator from the command line until killed:
 * {@code java -jar neon-ci-emulator.jar --port 4010 [--api-key KEY]... [--operation-ms 1000] [--rate-limit-per-minute 700]}.
 */
public final class Main {

    private static final String USAGE = "usage: java -jar neon-ci-emulator.jar [--port N] [--api-key KEY]... "
            + "[--operation-ms MS] [--rate-limit-per-minute R] [--project-id ID]";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        NeonEmulator.Builder builder = NeonEmulator.builder().port(4010);
        boolean customKey = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    System.out.println(USAGE);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--port": builder.port(Integer.parseInt(value)); break;
                    case "--api-key": builder.apiKey(value); customKey = true; break;
                    case "--operation-ms": builder.operationDuration(Duration.ofMillis(Long.parseLong(value))); break;
                    case "--rate-limit-per-minute": builder.rateLimitPerMinute(Integer.parseInt(value)); break;
                    case "--project-id": builder.projectId(value); break;
                    default: throw new IllegalArgumentException("unknown option " + option);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("neon-ci-emulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        NeonEmulator emulator = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM/SIGINT run shutdown hooks: stop serving, then let main return.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "neon-emulator-shutdown"));
        // Keys given on the command line are the caller's own; echoing them into logs would only leak them.
        String keyInfo = customKey ? "api_key=<as given with --api-key>" : "api_key=" + NeonEmulator.DEFAULT_API_KEY;
        System.out.println("Neon API emulator listening: base_url=" + emulator.baseUrl()
                + " project_id=" + emulator.projectId() + " " + keyInfo);
        System.out.flush();
        stopped.await();
    }
}
