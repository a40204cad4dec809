package dev.neonci.core.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Says in words why a request got no answer ("connection refused", "TLS handshake failed: …"), for messages
 * a CI user reads: no Java class names, one line. The JDK's own text is kept (it is what a user searches
 * for) with any {@code some.package.SomeException:} prefixes inside it removed.
 */
public final class IoFailures {

    /** A Java class name ending in Exception or Error, with its package and a following ": ". */
    private static final Pattern CLASS_NAME = Pattern.compile("(?:[A-Za-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");

    private IoFailures() {
    }

    public static String describe(IOException e) {
        String detail = detail(e);
        String what;
        if (e instanceof UnknownHostException) {
            return "unknown host" + (detail.isEmpty() ? "" : " " + detail);
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            what = "could not connect";
        } else if (e instanceof SocketTimeoutException) {
            what = "timed out";
        } else if (e instanceof InterruptedIOException) {
            what = "interrupted";
        } else if (e instanceof SSLPeerUnverifiedException) {
            what = "TLS peer not verified";
        } else if (e instanceof SSLHandshakeException) {
            what = "TLS handshake failed";
        } else if (e instanceof SSLException) {
            what = "TLS error";
        } else if (e instanceof EOFException) {
            what = "connection closed";
        } else if (e instanceof SocketException) {
            what = "connection error";
        } else if (e instanceof ProtocolException) {
            what = "HTTP protocol error";
        } else if (e instanceof RedirectRefusedException) {
            what = "redirect refused";
        } else {
            what = "I/O error";
        }
        return detail.isEmpty() || detail.equalsIgnoreCase(what) ? what : what + ": " + detail;
    }

    /** The exception's message on one line, without Java class names in it. */
    static String detail(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return "";
        }
        String clean = CLASS_NAME.matcher(m.replaceAll("\\s*[\\r\\n]+\\s*", " ")).replaceAll("").trim();
        return clean.length() > 300 ? clean.substring(0, 300) + "..." : clean;
    }
}
