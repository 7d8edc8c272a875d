package org.symtune.core.gpu.cuda;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.symtune.core.gpu.GpuUnavailableException;

/**
 * How one shared library is found: a system property that names it directly, else bare names given to the
 * dynamic loader (which honours {@code LD_LIBRARY_PATH} and the ld.so cache), else every file in the usual
 * install folders whose name matches a versioned pattern such as {@code libnvrtc.so.12}, newest version
 * first.
 *
 * @param what        what the library is, for messages
 * @param property    the system property that names a path or loader name to use instead of searching
 * @param names       bare names tried through the loader, in order
 * @param fileName    the file names accepted in {@code directories}
 * @param directories folders searched after the names
 * @param install     what to install, appended to the not-found message
 */
record LibrarySearch(String what, String property, List<String> names, Pattern fileName, List<Path> directories,
                     String install) {

    LibrarySearch {
        names = List.copyOf(names);
        directories = List.copyOf(directories);
    }

    /**
     * Loads the library named by {@code propertyValue} when that is not blank, else the first candidate
     * that opens.
     *
     * @throws GpuUnavailableException when nothing opens; the message names what was tried and what to install
     */
    NativeLibrary load(String propertyValue) {
        if (propertyValue != null && !propertyValue.isBlank()) return loadNamed(propertyValue.trim());
        List<String> candidates = candidates();
        return open(candidates).orElseThrow(() -> new GpuUnavailableException(notFound()));
    }

    /** The library, or empty when it is not installed; a library named by {@code propertyValue} must load. */
    Optional<NativeLibrary> find(String propertyValue) {
        if (propertyValue != null && !propertyValue.isBlank()) return Optional.of(loadNamed(propertyValue.trim()));
        return open(candidates());
    }

    /** The message when nothing was found: what was looked for, where, and what to install. */
    String notFound() {
        return what + " not found (looked for " + String.join(", ", names) + " through the dynamic loader, and "
                + shownPattern() + " in " + String.join(", ", directories.stream().map(Path::toString).toList())
                + "). " + install + " -D" + property + "=PATH names the library directly.";
    }

    /** The file-name pattern as a person reads it: {@code libcuda\.so(\.\d+)*} becomes {@code libcuda.so.*}. */
    private String shownPattern() {
        return fileName.pattern().replace("(\\.\\d+)*", ".*").replace("\\.", ".");
    }

    /** Bare names first, then matching files of each directory, newest version first, without repeats. */
    List<String> candidates() {
        LinkedHashSet<String> out = new LinkedHashSet<>(names);
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> fileName.matcher(f.getFileName().toString()).matches())
                        .sorted(Comparator.comparing((Path f) -> version(f.getFileName().toString())).reversed()
                                .thenComparing(Path::toString))
                        .forEach(f -> out.add(f.toString()));
            } catch (IOException unreadable) {
                // A folder we may not list is simply not searched; the not-found message names it.
            }
        }
        return new ArrayList<>(out);
    }

    private NativeLibrary loadNamed(String value) {
        boolean isPath = value.indexOf('/') >= 0;
        if (isPath && !Files.isRegularFile(Path.of(value))) {
            throw new GpuUnavailableException("cannot load the " + what + " from " + value + " (set by -D" + property
                    + "): no such file. " + install);
        }
        try {
            return new NativeLibrary(what, value, lookup(value));
        } catch (IllegalArgumentException e) {
            throw new GpuUnavailableException("cannot load the " + what + " from " + value + " (set by -D" + property
                    + "): " + e.getMessage() + ". " + install, e);
        }
    }

    private Optional<NativeLibrary> open(List<String> candidates) {
        for (String candidate : candidates) {
            try {
                return Optional.of(new NativeLibrary(what, candidate, lookup(candidate)));
            } catch (IllegalArgumentException notLoadable) {
                // Absent, or built for another architecture: try the next candidate.
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("restricted") // native access is enabled by the build, the tests and the launcher
    private static SymbolLookup lookup(String candidate) {
        return candidate.indexOf('/') >= 0
                ? SymbolLookup.libraryLookup(Path.of(candidate), Arena.global())
                : SymbolLookup.libraryLookup(candidate, Arena.global());
    }

    /**
     * The numeric suffix after {@code .so}, compared part by part ({@code libx.so.12} above {@code libx.so.11.2});
     * the bare {@code libx.so}, a toolkit's development link to the version it was installed with, ranks first.
     */
    static Version version(String fileName) {
        int so = fileName.indexOf(".so");
        String suffix = so < 0 ? "" : fileName.substring(so + 3);
        if (suffix.isEmpty()) return new Version(List.of(), true);
        List<Integer> parts = new ArrayList<>();
        for (String p : suffix.substring(1).split("\\.")) {
            try {
                parts.add(Integer.parseInt(p));
            } catch (NumberFormatException notNumeric) {
                parts.add(-1);
            }
        }
        return new Version(parts, false);
    }

    /** A library file's version for ordering; the unversioned development link sorts above every number. */
    record Version(List<Integer> parts, boolean unversioned) implements Comparable<Version> {
        @Override
        public int compareTo(Version o) {
            if (unversioned != o.unversioned) return unversioned ? 1 : -1;
            for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
                int a = i < parts.size() ? parts.get(i) : -1, b = i < o.parts.size() ? o.parts.get(i) : -1;
                if (a != b) return Integer.compare(a, b);
            }
            return 0;
        }
    }
}
