package dev.neonci.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line saying where the figures were taken. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the rest of the line still says enough
        }
        return String.format("%s, %d cores, %s %s, Java %s (%s)", cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"));
    }
}
