package dev.arca.core.local;

import org.jspecify.annotations.Nullable;

/**
 * Marks the thread that is running a {@link LocalCall} in a service, so that what the service would
 * have said in a response header (that it published invalidations) reaches the {@link LocalReply}.
 */
public final class LocalCallScope implements AutoCloseable {

    private static final ThreadLocal<@Nullable LocalCallScope> CURRENT = new ThreadLocal<>();

    private final @Nullable LocalCallScope outer;
    private boolean invalidationsPublished;

    private LocalCallScope(@Nullable LocalCallScope outer) {
        this.outer = outer;
    }

    static LocalCallScope open() {
        LocalCallScope scope = new LocalCallScope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /**
     * Records that the call running on this thread published invalidations.
     *
     * @return false when no local call is running here (the caller then marks its HTTP response)
     */
    public static boolean markInvalidationsPublished() {
        LocalCallScope scope = CURRENT.get();
        if (scope == null) {
            return false;
        }
        scope.invalidationsPublished = true;
        return true;
    }

    boolean invalidationsPublished() {
        return invalidationsPublished;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
