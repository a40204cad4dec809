package dev.neonci.core.http;

import dev.neonci.core.wait.Deadline;
import dev.neonci.core.wait.Sleeper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.UnknownServiceException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries what is safe to retry, within the caller's deadline (from the request's {@link CallContext}).
 *
 * <ul>
 *   <li>423 Locked and 503: always, whatever the method. Neon documents both as safe to retry: the
 *       request was not applied.</li>
 *   <li>429: always (not applied), after the {@code Retry-After} the server sent (seconds or HTTP date),
 *       but never sooner than the backoff (a zero or past value would otherwise mean no pause at all).</li>
 *   <li>Other 5xx and I/O failures: only for idempotent methods (GET, HEAD, DELETE), and for any method
 *       if the request never left (e.g. connection refused). A POST that was sent and then lost its
 *       answer is not re-sent: it may have been applied. Failures no retry can fix (untrusted
 *       certificate, not TLS, a TLS handshake the two sides cannot agree on, protocol errors) are not retried; "unknown host" at most twice.</li>
 * </ul>
 * A retry that would end past the deadline is not made: the last answer (or failure) is returned, so
 * the error says what Neon last said. Each attempt's read/connect/write timeouts are clipped to the time
 * left. Without a {@code CallContext} tag, requests pass through untouched.
 */
public final class RetryInterceptor implements Interceptor {

    /** Retries after "unknown host" (DNS); more would mostly wait out a misspelt API URL. */
    static final int MAX_UNKNOWN_HOST_RETRIES = 2;

    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;

    public RetryInterceptor(Backoff backoff, Sleeper sleeper, Clock clock) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** GET, HEAD and DELETE can be repeated without changing the outcome (DELETE: 204 when already gone). */
    public static boolean isIdempotent(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "DELETE".equals(method);
    }

    /** Statuses retried for every method: Neon did not apply the request. */
    public static boolean isAlwaysRetryable(int code) {
        return code == 423 || code == 429 || code == 503;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallContext ctx = request.tag(CallContext.class);
        if (ctx == null) {
            return chain.proceed(request);
        }
        Deadline deadline = ctx.deadline();
        boolean idempotent = isIdempotent(request.method());
        int retries = 0;
        int unknownHost = 0;
        while (true) {
            ctx.startAttempt();
            int left = clipMillis(deadline.remaining());
            if (left <= 0) {
                throw new InterruptedIOException("deadline expired before the request could be sent");
            }
            Response response;
            try {
                response = chain
                        .withConnectTimeout(Math.min(positive(chain.connectTimeoutMillis()), left), TimeUnit.MILLISECONDS)
                        .withReadTimeout(Math.min(positive(chain.readTimeoutMillis()), left), TimeUnit.MILLISECONDS)
                        .withWriteTimeout(Math.min(positive(chain.writeTimeoutMillis()), left), TimeUnit.MILLISECONDS)
                        .proceed(request);
            } catch (IOException e) {
                boolean safe = idempotent || !ctx.currentAttemptSent();
                if (!safe || isPermanent(e) || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (e instanceof UnknownHostException && ++unknownHost > MAX_UNKNOWN_HOST_RETRIES) {
                    // A brief DNS hiccup is worth a retry; a misspelt API host is not worth the whole deadline.
                    throw e;
                }
                Duration delay = backoff.delay(++retries);
                if (!fits(deadline, delay)) {
                    throw e;
                }
                ctx.retryListener().retrying("Could not reach Neon (" + describe(e) + ")", delay);
                pause(delay);
                continue;
            }

            int code = response.code();
            boolean retryable = isAlwaysRetryable(code) || (idempotent && code >= 500 && code <= 599);
            if (!retryable) {
                return response;
            }
            Duration delay = backoff.delay(++retries);
            Optional<Duration> asked = RetryAfter.parse(response.header("Retry-After"), clock.instant());
            if (asked.isPresent() && (code == 429 || code == 503)) {
                // At least what the server asked; never less than our own backoff, so a zero or past date
                // (e.g. the runner's clock ahead of Neon's) cannot turn into retries without a pause.
                delay = asked.get().compareTo(delay) > 0 ? asked.get() : delay;
            }
            if (!fits(deadline, delay)) {
                return response;
            }
            response.close();
            ctx.retryListener().retrying("Neon answered " + code + " " + reason(code), delay);
            pause(delay);
        }
    }

    /**
     * Failures that another attempt cannot fix: the server's certificate is not trusted or does not match
     * the host, the server does not speak TLS (or HTTP), the TLS handshake failed on a disagreement (no
     * protocol or cipher suite in common, a fatal handshake alert — unless the connection itself broke
     * during the handshake), or a redirect was refused. Retrying them would only
     * spend the deadline before reporting the same thing.
     */
    static boolean isPermanent(IOException e) {
        if (e instanceof RedirectRefusedException || e instanceof SSLPeerUnverifiedException
                || e instanceof ProtocolException || e instanceof UnknownServiceException) {
            return true;
        }
        if (e instanceof SSLException) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CertificateException) {
                    return true;
                }
            }
            String m = e.getMessage();
            if (m != null && m.contains("Unsupported or unrecognized SSL message")) {
                return true;
            }
            // A handshake the two sides cannot agree on (no cipher suites or protocol in common, a fatal
            // handshake_failure alert) fails the same way every time. Only a handshake cut off by the
            // connection (EOF, reset, timeout) is worth another attempt.
            return e instanceof SSLHandshakeException && !isConnectionInterruption(e);
        }
        return false;
    }

    /** The handshake died with the connection (closed, reset, timed out), not on a TLS disagreement. */
    static boolean isConnectionInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof SocketException || t instanceof InterruptedIOException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null) {
                String lower = m.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("remote host terminated") || lower.contains("connection reset")
                        || lower.contains("broken pipe") || lower.contains("connection closed")
                        || lower.contains("socket closed") || lower.contains("end of stream")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A retry only makes sense if, after the pause, some time is left for the attempt itself. */
    private static boolean fits(Deadline deadline, Duration delay) {
        return deadline.allows(delay.plusMillis(50));
    }

    private void pause(Duration delay) throws IOException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting to retry");
            io.initCause(e);
            throw io;
        }
    }

    private static int clipMillis(Duration d) {
        long ms = d.toMillis();
        return ms > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ms;
    }

    /** OkHttp uses 0 for "no timeout"; clipping must treat that as unbounded. */
    private static int positive(int ms) {
        return ms <= 0 ? Integer.MAX_VALUE : ms;
    }

    private static String describe(IOException e) {
        return IoFailures.describe(e);
    }

    /** Reason phrases for the statuses Neon is documented or seen to send. */
    public static String reason(int code) {
        switch (code) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 409: return "Conflict";
            case 412: return "Precondition Failed";
            case 422: return "Unprocessable Entity";
            case 423: return "Locked";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "";
        }
    }
}
