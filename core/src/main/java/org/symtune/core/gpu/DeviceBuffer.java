package org.symtune.core.gpu;

/** Memory on a {@link ComputeDevice}: {@code count()} elements of 4 bytes. Released with its device or by {@link #release()}. */
public interface DeviceBuffer {

    /** Number of 4-byte elements. */
    long count();

    /** Frees the memory now rather than when the device closes. Using the buffer afterwards is an error. */
    void release();
}
