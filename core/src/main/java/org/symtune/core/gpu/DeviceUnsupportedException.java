package org.symtune.core.gpu;

/**
 * A model or optimizer asks for something the device kernels do not run (an optimizer other than
 * Adafactor, a head size above the attention kernels' limit, ...). The message names it; the CPU backend
 * runs everything.
 */
public final class DeviceUnsupportedException extends RuntimeException {
    public DeviceUnsupportedException(String message) {
        super(message);
    }
}
