package dev.neonci.core.http;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Turns any 3xx answer into a {@link RedirectRefusedException}.
 *
 * <p>Why: the client runs with {@code followRedirects(false)}, so OkHttp hands a redirect back instead of
 * following it; this makes sure nothing downstream mistakes it for an answer either. Neon's API does not
 * redirect; a redirect means a wrong base URL or something in between, and following it would send the
 * API key (a bearer token) to wherever it points.
 */
public final class RedirectGuardInterceptor implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        int code = response.code();
        if (code >= 300 && code < 400 && code != 304) {
            String location = response.header("Location");
            String host = null;
            if (location != null) {
                HttpUrl target = chain.request().url().resolve(location);
                host = target == null ? null : target.host();
            }
            response.close();
            throw new RedirectRefusedException(code, host);
        }
        return response;
    }
}
