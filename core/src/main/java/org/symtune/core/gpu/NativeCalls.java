package org.symtune.core.gpu;

/**
 * Calls through {@code java.lang.foreign} downcall handles, for the OpenCL and CUDA binding wrappers.
 * {@code MethodHandle.invokeExact} declares {@code Throwable}; a downcall only ever throws unchecked
 * exceptions, so these pass those on unchanged and wrap anything else.
 */
public final class NativeCalls {
    private NativeCalls() {
    }

    /** A native call that returns a C {@code int} (a status or error code). */
    @FunctionalInterface
    public interface IntCall {
        int call() throws Throwable;
    }

    /** A native call that returns a value, e.g. a handle. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws Throwable;
    }

    /** Runs {@code call} and returns its status code. */
    public static int status(IntCall call) {
        try {
            return call.call();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** Runs {@code call} and returns its value. */
    public static <T> T value(Call<T> call) {
        try {
            return call.call();
        } catch (Throwable e) {
            throw unchecked(e);
        }
    }

    /** {@code e} itself when it is unchecked (an {@link Error} is thrown from here), else wrapped. */
    public static RuntimeException unchecked(Throwable e) {
        if (e instanceof RuntimeException re) return re;
        if (e instanceof Error err) throw err;
        return new IllegalStateException("native call failed", e);
    }
}
