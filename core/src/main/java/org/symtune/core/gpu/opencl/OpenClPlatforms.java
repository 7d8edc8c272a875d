package org.symtune.core.gpu.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.symtune.core.gpu.GpuUnavailableException;

/**
 * The OpenCL platforms (drivers) and devices of this machine, and the choice of one device: by the
 * system properties {@value #PLATFORM_PROPERTY} / {@value #DEVICE_PROPERTY} (or the environment variables
 * {@code SYMTUNE_OPENCL_PLATFORM} / {@code SYMTUNE_OPENCL_DEVICE}), else the first GPU, else the first device.
 */
final class OpenClPlatforms {
    /** Index of the platform to use, counted from 0 in the loader's order (as {@code clinfo -l} lists them). */
    static final String PLATFORM_PROPERTY = "symtune.opencl.platform";
    /** Index of the device within the chosen platform, counted from 0. */
    static final String DEVICE_PROPERTY = "symtune.opencl.device";

    static final long CL_DEVICE_TYPE_CPU = 1L << 1;
    static final long CL_DEVICE_TYPE_GPU = 1L << 2;
    private static final long CL_DEVICE_TYPE_ALL = 0xFFFFFFFFL;
    private static final int CL_PLATFORM_NAME = 0x0902;
    private static final int CL_DEVICE_TYPE = 0x1000;
    private static final int CL_DEVICE_NAME = 0x102B;
    private static final int CL_DEVICE_MAX_WORK_GROUP_SIZE = 0x1004;
    private static final int CL_DEVICE_LOCAL_MEM_SIZE = 0x1023;

    /** One device: where it is in the listing, what it is, and its handles. */
    record Device(int platformIndex, int deviceIndex, String platformName, String name, long type,
                  long maxWorkGroupSize, long localMemBytes, MemorySegment platform, MemorySegment id) {
        boolean isGpu() {
            return (type & CL_DEVICE_TYPE_GPU) != 0;
        }

        String describe() {
            String kind = isGpu() ? "gpu" : (type & CL_DEVICE_TYPE_CPU) != 0 ? "cpu" : "accelerator";
            return platformName + " / " + name + " (platform " + platformIndex + ", device " + deviceIndex + ", " + kind + ")";
        }
    }

    private OpenClPlatforms() {
    }

    /** Every device of every platform, in the loader's order. */
    static List<Device> list(OpenClLibrary cl) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            int code = cl.getPlatformIds(0, MemorySegment.NULL, count);
            if (code == OpenClErrors.CL_PLATFORM_NOT_FOUND_KHR || (code == OpenClErrors.CL_SUCCESS && count.get(JAVA_INT, 0) == 0)) {
                throw new GpuUnavailableException("OpenCL is not available: the loader " + cl.where
                        + " found no OpenCL driver (no platform); " + OpenClLibrary.INSTALL_HINT);
            }
            OpenClErrors.check(code, "clGetPlatformIDs", "counting platforms");
            int platforms = count.get(JAVA_INT, 0);
            MemorySegment ids = arena.allocate(ADDRESS, platforms);
            OpenClErrors.check(cl.getPlatformIds(platforms, ids, MemorySegment.NULL), "clGetPlatformIDs", "listing platforms");
            List<Device> out = new ArrayList<>();
            for (int p = 0; p < platforms; p++) {
                MemorySegment platform = ids.getAtIndex(ADDRESS, p);
                String platformName = platformString(cl, platform, CL_PLATFORM_NAME);
                int devCode = cl.getDeviceIds(platform, CL_DEVICE_TYPE_ALL, 0, MemorySegment.NULL, count);
                if (devCode == OpenClErrors.CL_DEVICE_NOT_FOUND) continue;
                OpenClErrors.check(devCode, "clGetDeviceIDs", "counting the devices of " + platformName);
                int devices = count.get(JAVA_INT, 0);
                MemorySegment devIds = arena.allocate(ADDRESS, devices);
                OpenClErrors.check(cl.getDeviceIds(platform, CL_DEVICE_TYPE_ALL, devices, devIds, MemorySegment.NULL),
                        "clGetDeviceIDs", "listing the devices of " + platformName);
                for (int d = 0; d < devices; d++) {
                    MemorySegment dev = devIds.getAtIndex(ADDRESS, d);
                    out.add(new Device(p, d, platformName, deviceString(cl, dev, CL_DEVICE_NAME),
                            deviceLong(cl, dev, CL_DEVICE_TYPE), deviceLong(cl, dev, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                            deviceLong(cl, dev, CL_DEVICE_LOCAL_MEM_SIZE), platform, dev));
                }
            }
            return out;
        }
    }

    /** The device the properties ask for, else the first GPU, else the first device of any kind. */
    static Device choose(List<Device> devices) {
        if (devices.isEmpty()) {
            throw new GpuUnavailableException("OpenCL is not available: the installed drivers report no device; "
                    + OpenClLibrary.INSTALL_HINT);
        }
        Integer platform = index(PLATFORM_PROPERTY);
        Integer device = index(DEVICE_PROPERTY);
        List<Device> pool = devices;
        if (platform != null) {
            pool = devices.stream().filter(d -> d.platformIndex() == platform).toList();
            if (pool.isEmpty()) {
                throw new GpuUnavailableException(PLATFORM_PROPERTY + "=" + platform + " names no platform with a device; the devices are: "
                        + listing(devices));
            }
        }
        if (device != null) {
            int p = platform != null ? platform : pool.getFirst().platformIndex();
            return pool.stream().filter(d -> d.platformIndex() == p && d.deviceIndex() == device).findFirst()
                    .orElseThrow(() -> new GpuUnavailableException(DEVICE_PROPERTY + "=" + device + " names no device of platform "
                            + p + "; the devices are: " + listing(devices)));
        }
        return pool.stream().filter(Device::isGpu).findFirst().orElse(pool.getFirst());
    }

    static String listing(List<Device> devices) {
        return String.join("; ", devices.stream().map(Device::describe).toList());
    }

    /** The index set by a system property or its environment variable, or null when neither is set. */
    private static Integer index(String property) {
        String env = property.toUpperCase(Locale.ROOT).replace('.', '_');
        String v = System.getProperty(property, System.getenv(env));
        if (v == null || v.isBlank()) return null;
        try {
            int i = Integer.parseInt(v.trim());
            if (i >= 0) return i;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(property + " / " + env + " must be an index >= 0, got '" + v + "'");
    }

    private static String platformString(OpenClLibrary cl, MemorySegment platform, int param) {
        return infoString((size, value, sizeRet) -> cl.getPlatformInfo(platform, param, size, value, sizeRet),
                "clGetPlatformInfo", "platform name");
    }

    static String deviceString(OpenClLibrary cl, MemorySegment device, int param) {
        return infoString((size, value, sizeRet) -> cl.getDeviceInfo(device, param, size, value, sizeRet),
                "clGetDeviceInfo", "device name");
    }

    /** One {@code clGet*Info} query, bound to its object and parameter. */
    @FunctionalInterface
    private interface InfoQuery {
        int get(long size, MemorySegment value, MemorySegment sizeRet);
    }

    /** Asks for the size of a string property, then for the string. */
    private static String infoString(InfoQuery query, String function, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            OpenClErrors.check(query.get(0, MemorySegment.NULL, size), function, what);
            MemorySegment value = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
            OpenClErrors.check(query.get(value.byteSize(), value, MemorySegment.NULL), function, what);
            return value.getString(0).trim();
        }
    }

    /** A device property of type cl_ulong, size_t or a cl_bitfield (all 8 bytes on 64-bit platforms). */
    private static long deviceLong(OpenClLibrary cl, MemorySegment device, int param) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_LONG);
            OpenClErrors.check(cl.getDeviceInfo(device, param, JAVA_LONG.byteSize(), value, MemorySegment.NULL),
                    "clGetDeviceInfo", "device property 0x" + Integer.toHexString(param));
            return value.get(JAVA_LONG, 0);
        }
    }
}
