package org.symtune.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symtune.core.gpu.GpuUnavailableException;

class LibrarySearchTest {
    @TempDir
    Path dir;

    private LibrarySearch nvrtcIn(Path folder) {
        return new LibrarySearch(CudaLibraries.NVRTC_WHAT, CudaLibraries.NVRTC_PROPERTY, List.of("libnvrtc-absent-for-test.so.1"),
                Pattern.compile("libnvrtc\\.so(\\.\\d+)*"), List.of(folder), CudaLibraries.NVRTC_INSTALL);
    }

    @Test
    void namesComeFirstThenMatchingFilesNewestFirst() throws IOException {
        for (String f : List.of("libnvrtc.so.11.2", "libnvrtc.so.12", "libnvrtc.so", "libnvrtc-builtins.so.12.4",
                "libnvrtc.so.12.4.127", "libnvrtc.alt.so.12", "README")) {
            Files.writeString(dir.resolve(f), "not a library");
        }
        assertEquals(List.of("libnvrtc-absent-for-test.so.1", dir + "/libnvrtc.so", dir + "/libnvrtc.so.12.4.127",
                dir + "/libnvrtc.so.12", dir + "/libnvrtc.so.11.2"), nvrtcIn(dir).candidates());
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(LibrarySearch.version("libx.so.12").compareTo(LibrarySearch.version("libx.so.11.2")) > 0);
        assertTrue(LibrarySearch.version("libx.so.12.1").compareTo(LibrarySearch.version("libx.so.12")) > 0);
        assertTrue(LibrarySearch.version("libx.so.10").compareTo(LibrarySearch.version("libx.so.9")) > 0);
        assertTrue(LibrarySearch.version("libx.so").compareTo(LibrarySearch.version("libx.so.99")) > 0);
    }

    @Test
    void nothingFoundSaysWhatWasTriedAndWhatToInstall() throws IOException {
        notALibrary(dir.resolve("libnvrtc.so.12")); // found by its name, but does not load
        LibrarySearch search = nvrtcIn(dir);
        assertTrue(search.find(null).isEmpty());
        var e = assertThrows(GpuUnavailableException.class, () -> search.load(""));
        String m = e.getMessage();
        assertTrue(m.startsWith(org.symtune.core.gpu.cuda.CudaDevice.NVRTC_NOT_FOUND), m);
        assertTrue(m.contains("libnvrtc-absent-for-test.so.1") && m.contains(dir.toString()), m);
        assertTrue(m.contains("CUDA toolkit") && m.contains("libnvrtc12") && m.contains("-Dsymtune.cuda.nvrtc=PATH"), m);
    }

    @Test
    void aNamedPathThatDoesNotExistFailsCleanly() {
        var e = assertThrows(GpuUnavailableException.class, () -> nvrtcIn(dir).load(dir + "/missing/libnvrtc.so.12"));
        assertTrue(e.getMessage().contains(dir + "/missing/libnvrtc.so.12") && e.getMessage().contains("symtune.cuda.nvrtc")
                && e.getMessage().contains("no such file"), e.getMessage());
        // A library that must load (named by its property) is not silently replaced by a search.
        assertThrows(GpuUnavailableException.class, () -> nvrtcIn(dir).find(dir + "/missing/libnvrtc.so.12"));
    }

    @Test
    void aNamedFileThatIsNotALibraryFailsCleanly() throws IOException {
        Path fake = notALibrary(dir.resolve("libcuda.so.1"));
        var e = assertThrows(GpuUnavailableException.class, () -> CudaLibraries.driver().load(fake.toString()));
        assertTrue(e.getMessage().startsWith("cannot load the " + CudaLibraries.DRIVER_WHAT + " from " + fake), e.getMessage());
        assertTrue(e.getMessage().contains("NVIDIA driver"), e.getMessage());
    }

    @Test
    void aBareNameTheLoaderCannotFindFailsCleanly() {
        var e = assertThrows(GpuUnavailableException.class, () -> CudaLibraries.cublas().load("libcublas-absent-for-test.so.99"));
        assertTrue(e.getMessage().contains("libcublas-absent-for-test.so.99") && e.getMessage().contains("symtune.cuda.cublas"),
                e.getMessage());
    }

    /**
     * A file the dynamic loader refuses: a copy of this JVM's launcher, an executable rather than a library.
     * (A text file would do too, but the JVM then warns about its missing no-exec-stack marking.)
     */
    private static Path notALibrary(Path at) throws IOException {
        Path launcher = Path.of(ProcessHandle.current().info().command().orElseThrow());
        return Files.copy(launcher, at);
    }

    @Test
    void cublasCanBeTurnedOff() {
        assertTrue(CudaSetup.cublas("none").isEmpty());
        assertTrue(CudaSetup.cublas(" OFF ").isEmpty());
    }
}
