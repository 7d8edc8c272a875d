package org.symtune.core.gpu;

/**
 * A GPU backend cannot run here: its driver library, a device or its run-time compiler is missing. The
 * message names what is missing and what to install.
 */
public final class GpuUnavailableException extends RuntimeException {
    public GpuUnavailableException(String message) {
        super(message);
    }

    public GpuUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
