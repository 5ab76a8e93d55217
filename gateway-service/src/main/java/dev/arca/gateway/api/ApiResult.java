package dev.arca.gateway.api;

import org.jspecify.annotations.Nullable;

/**
 * What a local handler answers: a status, a body serialised as JSON (none for 204), and optionally an
 * action to run once the response has been audited (sealing must wait until then, or the response
 * entry could not be stored).
 */
public record ApiResult(int status, @Nullable Object body, @Nullable Runnable afterResponse) {

    public ApiResult(int status, @Nullable Object body) {
        this(status, body, null);
    }

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body);
    }

    public static ApiResult noContent() {
        return new ApiResult(204, null);
    }

    public static ApiResult noContentThen(Runnable afterResponse) {
        return new ApiResult(204, null, afterResponse);
    }
}
