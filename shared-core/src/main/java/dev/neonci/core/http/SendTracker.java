package dev.neonci.core.http;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Records on the call's {@link CallContext} when the request starts going out on the wire.
 *
 * <p>Why: after an I/O failure, this is the difference between "the POST never left" (connection
 * refused: safe to send again) and "the POST may have been applied" (reset or timeout after sending:
 * never re-sent blindly; the lifecycle looks at the server instead).
 */
public final class SendTracker extends EventListener {

    public static final EventListener.Factory FACTORY = call -> new SendTracker();

    @Override
    public void requestHeadersStart(Call call) {
        CallContext ctx = call.request().tag(CallContext.class);
        if (ctx != null) {
            ctx.markSent();
        }
    }
}
