package dev.arca.gateway.api;

import org.jspecify.annotations.Nullable;

/**
 * What a local handler answers: a status, a body serialised as JSON (none for 204) or sent as it is
 * ({@link Raw}), and optionally an action to run once the response has been audited (sealing must
 * wait until then, or the response entry could not be stored).
 */
public record ApiResult(int status, @Nullable Object body, @Nullable Runnable afterResponse) {

    public ApiResult(int status, @Nullable Object body) {
        this(status, body, null);
    }

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body);
    }

    /** 200 with a body that is not JSON, such as Prometheus' text exposition. */
    public static ApiResult raw(String contentType, byte[] bytes) {
        return new ApiResult(200, new Raw(contentType, bytes));
    }

    public static ApiResult noContent() {
        return new ApiResult(204, null);
    }

    public static ApiResult noContentThen(Runnable afterResponse) {
        return new ApiResult(204, null, afterResponse);
    }

    /**
     * A body to send unchanged under its own content type. Serialised as JSON it is its bytes
     * unchanged (read as UTF-8), so a text body arrives intact through a renderer that writes every
     * body as JSON; only its content type is then lost.
     */
    public record Raw(String contentType, byte[] bytes) {

    }
}
