package dev.neonci.emulator.spec;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.neonci.emulator.Fault;
import dev.neonci.emulator.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Validates recorded HTTP exchanges against Neon's official OpenAPI document (API v2) with Atlassian's
 * swagger-request-validator. Reusable from other modules' tests through this module's test-jar:
 * validate the emulator's responses, or the requests a client sent (from
 * {@link dev.neonci.emulator.NeonEmulator#requestLog()}).
 *
 * <p>The document is not committed (its licence says "Proprietary"); the build downloads the npm
 * package {@code @neondatabase/api-client} (checksum pinned) and passes the path of
 * {@code public-v2-for-users.gen.yaml} in the system property {@value #SPEC_PROPERTY}.
 *
 * <p>Strictness: every finding of the library is an error (its defaults would ignore unknown query
 * parameters): missing required fields, wrong types, formats, enums, patterns and minimums, unknown
 * query parameters, unknown paths, undocumented status codes, and properties a schema does not name
 * (the library treats undeclared {@code additionalProperties} as false). A missing bearer key is
 * checked separately (see {@link #validateRequest}). Adjustments, each for a stated reason:
 * <ul>
 *   <li>The spec's server URL is {@code https://console.neon.tech/api/v2}; paths are matched under the
 *       base path {@code /api/v2} so the emulator's loopback URLs map onto the spec's paths.</li>
 *   <li>allOf parts are merged before validation (Neon composes most responses with allOf); without
 *       that, the "no undeclared properties" rule rejects each part for its siblings' properties.</li>
 *   <li>A response to a request the spec has no operation for (a test probing unknown routes) is
 *       reported as skipped: there is no documented response to compare with.</li>
 * </ul>
 * Thread-safe once loaded.
 */
public final class NeonOpenApi {

    /** System property holding the path of {@code public-v2-for-users.gen.yaml}. */
    public static final String SPEC_PROPERTY = "neon.openapi.spec";
    /** Where the spec's server URL puts the API; recorded paths start with it. */
    public static final String BASE_PATH = "/api/v2";

    private static final java.util.Set<String> NOT_IN_SPEC =
            java.util.Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private static NeonOpenApi shared;

    private final OpenApiInteractionValidator validator;
    private NeonOpenApi(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** Where the emulator module's build unpacks the spec, relative to a sibling module's directory. */
    private static final Path SIBLING_DOWNLOAD =
            Path.of("..", "emulator", "target", "neon-openapi", "package", "public-v2-for-users.gen.yaml");

    /**
     * The spec named by {@value #SPEC_PROPERTY}, or else the copy the emulator module's build downloaded
     * (found from a sibling module's directory, where surefire runs tests). Parsed once per JVM.
     */
    public static synchronized NeonOpenApi load() {
        if (shared == null) {
            String location = System.getProperty(SPEC_PROPERTY);
            if (location != null && !location.isBlank()) {
                shared = load(Path.of(location));
            } else if (Files.isRegularFile(SIBLING_DOWNLOAD)) {
                shared = load(SIBLING_DOWNLOAD);
            } else {
                throw new IllegalStateException("System property " + SPEC_PROPERTY + " is not set: it must name "
                        + "public-v2-for-users.gen.yaml from the npm package @neondatabase/api-client "
                        + "(the emulator's build downloads it into emulator/target/neon-openapi)");
            }
        }
        return shared;
    }

    /** Parses the spec at {@code yaml}. */
    public static NeonOpenApi load(Path yaml) {
        if (!Files.isRegularFile(yaml)) {
            throw new IllegalStateException("Neon OpenAPI document not found at " + yaml
                    + " (run the build's generate-test-resources phase, which downloads it)");
        }
        String text;
        try {
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + yaml, e);
        }
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(text)
                .withBasePathOverride(BASE_PATH)
                // Merge allOf parts before validating: Neon composes most responses with allOf, and the
                // validator's default "no additional properties" rule would otherwise reject every part
                // for the properties of its siblings.
                .withResolveCombinators(true)
                // Every finding is an error. The library's own default ignores unexpected query
                // parameters, which would hide a client sending e.g. "serach=" instead of "search=".
                .withLevelResolver(LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build())
                .build();
        return new NeonOpenApi(validator);
    }

    /** Validates the request as the client sent it: path, method, query parameters, security, body. */
    public SpecReport validateRequest(RecordedRequest recorded) {
        String subject = "request " + recorded.method() + " " + recorded.path();
        return toReport(subject, validator.validateRequest(toRequest(recorded)), bearerProblems(recorded));
    }

    /**
     * The spec's security is BearerAuth or one of two console session cookies. The library counts the
     * cookie alternatives as satisfied even when absent, so it never reports a missing key; API clients
     * always use the bearer scheme, so this checks it directly (names only, never the value).
     */
    private static List<String> bearerProblems(RecordedRequest recorded) {
        String authorization = recorded.header("Authorization");
        if (authorization == null) {
            return List.of("[neonci.request.security.bearer] Authorization header missing: the spec requires BearerAuth");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            return List.of("[neonci.request.security.bearer] Authorization header is not \"Bearer <api key>\"");
        }
        return List.of();
    }

    /**
     * Validates what the emulator answered: status, content type and body schema. Exchanges without
     * an HTTP response, or whose body
     * was deliberately corrupted ({@link Fault#malformedJson()}), are reported as skipped.
     */
    public SpecReport validateResponse(RecordedRequest recorded) {
        String subject = "response " + recorded.status() + " to " + recorded.method() + " " + recorded.path();
        if (recorded.status() == RecordedRequest.NO_RESPONSE) {
            return SpecReport.skipped(subject, "no HTTP response was sent");
        }
        if (recorded.fault() != null && recorded.fault().kind() == Fault.Kind.MALFORMED_JSON) {
            return SpecReport.skipped(subject, "the body was deliberately malformed");
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(recorded.status());
        recorded.responseHeaders().forEach((name, values) -> response.withHeader(name, values));
        if (!recorded.responseBody().isEmpty()) {
            response.withBody(recorded.responseBody());
        }
        ValidationReport report = validator.validateResponse(recorded.path(), method(recorded.method()), response.build());
        if (report.getMessages().stream().anyMatch(m -> NOT_IN_SPEC.contains(m.getKey()))) {
            // The request itself is outside the spec (a test probing unknown routes): there is no
            // documented response to compare with. validateRequest reports such requests.
            return SpecReport.skipped(subject, "the spec has no operation " + recorded.method() + " " + recorded.path());
        }
return toReport(subject, report, List.of());
    }

    /** Validates request and response of every exchange; returns only the reports with violations. */
    public List<SpecReport> violations(Collection<RecordedRequest> exchanges) {
        List<SpecReport> violations = new ArrayList<>();
        for (RecordedRequest exchange : exchanges) {
            SpecReport response = validateResponse(exchange);
            if (!response.valid()) {
                violations.add(response);
            }
        }
        return violations;
    }

    /** Throws an AssertionError listing every response in {@code exchanges} that violates the spec. */
    public void assertValidResponses(Collection<RecordedRequest> exchanges) {
        List<SpecReport> violations = violations(exchanges);
        if (!violations.isEmpty()) {
            StringBuilder message = new StringBuilder(violations.size() + " response(s) violate Neon's OpenAPI spec:");
            violations.forEach(v -> message.append('\n').append(v));
            throw new AssertionError(message.toString());
        }
    }

    /** Throws an AssertionError listing every request in {@code exchanges} that violates the spec. */
    public void assertValidRequests(Collection<RecordedRequest> exchanges) {
        List<SpecReport> violations = new ArrayList<>();
        for (RecordedRequest exchange : exchanges) {
            SpecReport report = validateRequest(exchange);
            if (!report.valid()) {
                violations.add(report);
            }
        }
        if (!violations.isEmpty()) {
            StringBuilder message = new StringBuilder(violations.size() + " request(s) violate Neon's OpenAPI spec:");
            violations.forEach(v -> message.append('\n').append(v));
            throw new AssertionError(message.toString());
        }
    }

    private static Request toRequest(RecordedRequest recorded) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(recorded.method(), recorded.path());
        recorded.headers().forEach((name, values) -> request.withHeader(name, values));
        if (!recorded.body().isEmpty()) {
            request.withBody(recorded.body());
        }
        if (!recorded.query().isEmpty()) {
            for (String pair : recorded.query().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                request.withQueryParam(name, value);
            }
        }
        return request.build();
    }

    private static Request.Method method(String method) {
        return Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
    }

    private static SpecReport toReport(String subject, ValidationReport report, List<String> extra) {
        List<String> errors = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                String detail = message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo();
                errors.add("[" + message.getKey() + "] " + message.getMessage() + detail);
            }
        }
        errors.addAll(extra);
        return new SpecReport(subject, errors, null);
    }
}
