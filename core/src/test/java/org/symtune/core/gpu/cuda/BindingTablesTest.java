package org.symtune.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.symtune.core.gpu.GpuUnavailableException;

/** The binding tables are consistent, their descriptors link, and bindings fail cleanly on a missing symbol. */
class BindingTablesTest {

    @Test
    void everyTableListsEachOfItsFunctionsOnce() throws IllegalAccessException {
        for (Class<?> table : List.of(CudaDriverApi.class, NvrtcApi.class, CublasApi.class)) {
            List<NativeFunction> declared = new ArrayList<>();
            List<NativeFunction> all = null;
            for (Field f : table.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) continue;
                f.setAccessible(true);
                if (f.getType() == NativeFunction.class) declared.add((NativeFunction) f.get(null));
                if (f.getName().equals("ALL")) all = castList(f.get(null));
            }
            assertTrue(all != null, table.getSimpleName() + " has no ALL list");
            assertEquals(new HashSet<>(declared), new HashSet<>(all), table.getSimpleName() + ".ALL differs from its fields");
            assertEquals(all.size(), all.stream().map(NativeFunction::symbol).distinct().count(),
                    table.getSimpleName() + " binds a symbol twice");
        }
    }

    @Test
    void everyDescriptorLinks() {
        Linker linker = Linker.nativeLinker();
        for (NativeFunction f : allFunctions()) {
            assertEquals(f.descriptor().argumentLayouts().size() + 1,
                    linker.downcallHandle(f.descriptor()).type().parameterCount(), f.symbol());
        }
    }

    @Test
    void statusCodesAreInts() {
        for (NativeFunction f : allFunctions()) {
            if (f.symbol().equals("nvrtcGetErrorString")) {
                assertEquals(Optional.of(ValueLayout.ADDRESS), f.descriptor().returnLayout(), f.symbol());
            } else {
                assertEquals(Optional.of(ValueLayout.JAVA_INT), f.descriptor().returnLayout(), f.symbol() + " returns a status");
            }
        }
    }

    /** cuda.h maps these names onto their {@code _v2} versions (64-bit sizes); the plain names are the 32-bit ABI. */
    @Test
    void driverFunctionsUseTheNamesCudaHMapsTo() {
        Set<String> symbols = new HashSet<>();
        CudaDriverApi.ALL.forEach(f -> symbols.add(f.symbol()));
        for (String v2 : List.of("cuDeviceTotalMem", "cuMemAlloc", "cuMemFree", "cuMemcpyHtoDAsync", "cuMemcpyDtoHAsync",
                "cuStreamDestroy", "cuDevicePrimaryCtxRelease")) {
            assertTrue(symbols.contains(v2 + "_v2") && !symbols.contains(v2), v2);
        }
        FunctionDescriptor launch = CudaDriverApi.LAUNCH_KERNEL.descriptor();
        assertEquals(11, launch.argumentLayouts().size());
        assertEquals(ValueLayout.JAVA_LONG, CudaDriverApi.MEM_FREE.descriptor().argumentLayouts().getFirst(),
                "CUdeviceptr is 64 bits");
    }

    @Test
    void theDriverAndCublasBindToALibraryThatExportsEverything() {
        try (FakeCuda fake = new FakeCuda()) {
            CudaDriver driver = new CudaDriver(fake.driverLibrary());
            assertEquals(0, driver.init());
            assertEquals(12040, driver.driverVersion());
            assertEquals("CUDA_ERROR_NO_DEVICE (no CUDA-capable device is detected)", driver.describe(100));
            assertEquals("CUresult 12345", driver.describe(12345));
            new Cublas(fake.blasLibrary());
        }
    }

    @Test
    void aMissingSymbolIsNamed() {
        try (FakeCuda fake = new FakeCuda()) {
            for (NativeFunction f : CudaDriverApi.ALL) {
                var e = assertThrows(GpuUnavailableException.class,
                        () -> new CudaDriver(new NativeLibrary("CUDA driver", "old-libcuda.so", fake.lookupWithout(f.symbol()))));
                assertTrue(e.getMessage().contains("does not export " + f.symbol()) && e.getMessage().contains("old-libcuda.so"),
                        e.getMessage());
            }
            for (NativeFunction f : CublasApi.ALL) {
                assertThrows(GpuUnavailableException.class,
                        () -> new Cublas(new NativeLibrary("cuBLAS", "old-libcublas.so", fake.lookupWithout(f.symbol()))));
            }
        }
    }

    /** NVRTC before 11.2 lacks the architecture queries; it still binds, and then trusts the device's architecture. */
    @Test
    void nvrtcBindsWithoutItsOptionalFunctions() {
        try (FakeCuda fake = new FakeCuda()) {
            MemorySegment anyFunction = fake.lookup().find("cuInit").orElseThrow();
            Nvrtc nvrtc = new Nvrtc(new NativeLibrary("NVRTC", "old-libnvrtc.so", name ->
                    NvrtcApi.ALL.stream().anyMatch(f -> f.symbol().equals(name) && !f.optional())
                            ? Optional.of(anyFunction) : Optional.empty()));
            assertEquals(0, nvrtc.supportedArchitectures().length);
            var e = assertThrows(GpuUnavailableException.class, () -> new Nvrtc(new NativeLibrary("NVRTC", "not-nvrtc.so",
                    name -> Optional.empty())));
            assertTrue(e.getMessage().contains("nvrtcVersion"), e.getMessage());
        }
    }

    private static List<NativeFunction> allFunctions() {
        List<NativeFunction> out = new ArrayList<>(CudaDriverApi.ALL);
        out.addAll(NvrtcApi.ALL);
        out.addAll(CublasApi.ALL);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<NativeFunction> castList(Object o) {
        return (List<NativeFunction>) o;
    }
}
