package dev.neonci.action.contract;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.neonci.action.testing.RunnerSimulator;
import dev.neonci.action.testing.RunnerSimulator.StepResult;
import dev.neonci.emulator.NeonEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Neon is only reachable over TLS. The jlinked runtime must be able to do a TLS 1.3 handshake (key
 * exchange on elliptic curves: jdk.crypto.ec on JDK 17/21), which jdeps cannot see. Here the built
 * runtime talks HTTPS, through a TLS-terminating proxy with an EC certificate, to the emulator.
 */
class TlsRuntimeIT {

    @TempDir
    Path tmp;

    private final String apiKey = "napi_test_" + UUID.randomUUID().toString().replace("-", "");
    private NeonEmulator emu;
    private HttpsServer proxy;
    private final AtomicInteger proxied = new AtomicInteger();
    private Path truststore;

    @BeforeEach
    void start() throws Exception {
        emu = NeonEmulator.builder().apiKey(apiKey).operationDuration(Duration.ofMillis(100)).start();
        Path keystore = tmp.resolve("server.p12");
        Path cert = tmp.resolve("server.pem");
        Path truststore = tmp.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "neon", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "neon", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "neon", "-file", cert.toString(), "-keystore", truststore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);

        HttpClient upstream = HttpClient.newHttpClient();
        proxy = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        proxy.setHttpsConfigurator(new HttpsConfigurator(ssl));
        proxy.createContext("/", exchange -> {
            try {
                proxied.incrementAndGet();
                byte[] body = exchange.getRequestBody().readAllBytes();
                String target = "http://127.0.0.1:" + emu.port() + exchange.getRequestURI();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                        .method(exchange.getRequestMethod(), body.length == 0
                                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String h : List.of("Authorization", "Content-Type", "Accept", "X-Request-ID", "User-Agent")) {
                    String v = exchange.getRequestHeaders().getFirst(h);
                    if (v != null) {
                        request.header(h, v);
                    }
                }
                HttpResponse<byte[]> response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().map().forEach((name, values) -> {
                    if (!List.of("content-length", "transfer-encoding", "connection", "date").contains(name.toLowerCase())) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                byte[] out = response.body();
                exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        proxy.start();
        this.truststore = truststore;
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.stop(0);
        }
        if (emu != null) {
            emu.close();
        }
    }

    @Test
    void theJlinkedRuntimeTalksTlsToTheApi() throws Exception {
        RunnerSimulator runner = new RunnerSimulator(tmp.resolve("runner"), RunnerSimulator.builtRuntime())
                // Trust the test certificate; everything else about TLS is the runtime's own.
                .github("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + truststore
                        + " -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=changeit");
        Map<String, String> with = new LinkedHashMap<>();
        with.put("api_key", apiKey);
        with.put("project_id", emu.projectId());
        with.put("api_host", "https://localhost:" + proxy.getAddress().getPort() + "/api/v2");
        with.put("branch_name", "ci/tls");
        with.put("timeout", "30");   // a runtime that cannot do the handshake fails within this

        StepResult created = runner.runMain(with);
        assertEquals(0, created.exitCode, () -> ContractAssertions.masked(created, List.of(apiKey)));
        assertEquals("true", created.outputs.get("created"));

        with.put("command", "delete");
        with.put("branch", "ci/tls");
        StepResult deleted = runner.runMain(with);
        assertEquals(0, deleted.exitCode, () -> ContractAssertions.masked(deleted, List.of(apiKey)));
        assertEquals("true", deleted.outputs.get("deleted"));
        assertTrue(proxied.get() > 0, "requests went through the TLS proxy");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + "\n" + out);
    }
}
